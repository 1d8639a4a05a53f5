using IbPortal.Domain.Discussions;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of this module's kinds of pupil data (see <see cref="AuthorizationMatrix"/>).</summary>
public static class DiscussionMatrixRows
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    public static DataKind[] Kinds { get; } =
    [
        new("discussion: read",
            (w, login, reach) =>
            {
                var id = FreshDiscussionAt(w, reach);
                return Reached(() => w.Database.Service<DiscussionService>(login).GetAsync(id));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("discussion: appear in lists",
            async (w, login, reach) =>
            {
                var id = FreshDiscussionAt(w, reach);
                var overview = await w.Database.Service<DiscussionService>(login).GetOverviewAsync();
                return overview.ThisWeek.Concat(overview.Later).Any(d => d.Id == id);
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher,
            Filters: true),

        new("discussion: schedule",
            (w, login, reach) => Reached(() => w.Database.Service<DiscussionService>(login).ScheduleAsync(Draft(w, reach))),
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("discussion: add an agenda item (prepare)",
            (w, login, reach) =>
            {
                var id = FreshDiscussionAt(w, reach);
                return Reached(() => w.Database.Service<DiscussionAgendaService>(login).AddItemAsync(id, "Matrix: toetsuitslagen bekijken"));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("discussion: record notes",
            (w, login, reach) =>
            {
                var id = FreshDiscussionAt(w, reach);
                return Reached(() => w.Database.Service<DiscussionService>(login).RecordAsync(id, 0,
                    new DiscussionRecordInput { Notes = "Matrix: afspraken gemaakt." }));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("action item: complete",
            (w, login, reach) =>
            {
                var id = FreshActionItemAt(w, reach);
                return Reached(() => w.Database.Service<ActionItemService>(login).CompleteAsync(id));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),
    ];

    private static DiscussionDraft Draft(MatrixWorld w, Reach reach)
    {
        var pupil = w.PupilAt(reach);
        using var db = w.Database.CreateContext();
        var today = DateOnly.FromDateTime(w.Database.Clock.GetLocalNow().DateTime);
        var groupId = db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == pupil && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => e.GroupId).First();
        return new DiscussionDraft
        {
            Kind = DiscussionKind.PupilDiscussion,
            GroupId = groupId,
            Date = today.AddDays(1),
            Time = new TimeOnly(15, 0),
            PupilIds = [pupil],
        };
    }

    /// <summary>A new pupil discussion about the target pupil, scheduled by the seeded IB'er of both schools.</summary>
    private static int FreshDiscussionAt(MatrixWorld w, Reach reach) =>
        w.Database.Service<DiscussionService>(Logins.CareCoordinator).ScheduleAsync(Draft(w, reach)).GetAwaiter().GetResult();

    /// <summary>A new open action item on a fresh discussion, owned by that school's seeded teacher (not a matrix user).</summary>
    private static int FreshActionItemAt(MatrixWorld w, Reach reach)
    {
        var discussion = FreshDiscussionAt(w, reach);
        return w.Database.Service<ActionItemService>(Logins.CareCoordinator).AddAsync(discussion, new NewActionItem
        {
            Description = "Matrix: ouders bellen.",
            OwnerId = w.StaffId(reach == Reach.OwnSchool ? Logins.TeacherA : Logins.TeacherB),
            DueOn = DateOnly.FromDateTime(w.Database.Clock.GetLocalNow().DateTime).AddDays(7),
        }).GetAwaiter().GetResult();
    }
}
