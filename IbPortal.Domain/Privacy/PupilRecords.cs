using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Privacy;

/// <summary>The queries the pupil file and the inzage export share. Authorization is the caller's.</summary>
internal static class PupilRecords
{
    /// <summary>One enrolment with the ids access decisions need.</summary>
    public sealed record EnrolmentRow(int Id, int GroupId, int SchoolId, int BoardId, DateOnly EnrolledOn, DateOnly? LeftOn)
    {
        public bool IsActiveOn(DateOnly date) => EnrolledOn <= date && (LeftOn is null || LeftOn >= date);
    }

    /// <summary>Every enrolment of the pupil, past, current and future; none when the pupil does not exist.</summary>
    public static Task<List<EnrolmentRow>> EnrolmentRowsAsync(PortalDbContext db, int pupilId, CancellationToken ct) =>
        db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == pupilId)
            .Select(e => new EnrolmentRow(e.Id, e.GroupId, e.Group!.SchoolId, e.Group.School!.BoardId, e.EnrolledOn, e.LeftOn))
            .ToListAsync(ct);

    /// <summary>The enrolment to name in the audit: today's, else the latest.</summary>
    public static EnrolmentRow PreferCurrent(IEnumerable<EnrolmentRow> rows, DateOnly today) =>
        rows.OrderByDescending(r => r.IsActiveOn(today)).ThenByDescending(r => r.EnrolledOn).ThenByDescending(r => r.Id).First();

    public static async Task<PupilIdentity> IdentityAsync(PortalDbContext db, int pupilId, CancellationToken ct)
    {
        var p = await db.Pupils.AsNoTracking()
            .Where(x => x.Id == pupilId)
            .Select(x => new { x.Id, x.FirstName, x.Infix, x.LastName, x.DateOfBirth, x.AnonymizedAt })
            .SingleAsync(ct);
        return new PupilIdentity(p.Id, p.FirstName, p.Infix, p.LastName, Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName),
            p.DateOfBirth, p.AnonymizedAt);
    }

    /// <summary>The pupil's enrolments at <paramref name="schoolIds"/>, newest first.</summary>
    public static async Task<IReadOnlyList<PupilEnrolment>> EnrolmentsAsync(PortalDbContext db, int pupilId,
        IReadOnlyCollection<int> schoolIds, DateOnly today, CancellationToken ct)
    {
        var schools = schoolIds.ToList();
        var rows = await db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == pupilId && schools.Contains(e.Group!.SchoolId))
            .Select(e => new
            {
                e.Id,
                e.GroupId,
                GroupName = e.Group!.Name,
                e.Group.SchoolId,
                SchoolName = e.Group.School!.Name,
                e.Group.School.ShortName,
                e.Group.School.Color,
                e.Group.SchoolYear!.StartYear,
                e.EnrolledOn,
                e.LeftOn,
            })
            .ToListAsync(ct);
        return rows
            .OrderByDescending(r => r.EnrolledOn).ThenByDescending(r => r.Id)
            .Select(r => new PupilEnrolment(r.Id, r.GroupId, r.GroupName, r.SchoolId, r.SchoolName, r.ShortName, r.Color,
                SchoolYear.NameOf(r.StartYear), r.EnrolledOn, r.LeftOn,
                r.EnrolledOn <= today && (r.LeftOn is null || r.LeftOn >= today)))
            .ToList();
    }

    /// <summary>The concerns with every field and their full history; newest concern first, history oldest first.</summary>
    public static async Task<IReadOnlyList<PupilConcern>> ConcernsAsync(PortalDbContext db, IQueryable<Concern> concerns, CancellationToken ct)
    {
        var rows = await concerns.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.GroupId,
                GroupName = c.Group!.Name,
                c.SchoolId,
                SchoolName = c.School!.Name,
                c.School.ShortName,
                c.School.Color,
                c.AuthorId,
                AuthorName = c.Author!.DisplayName,
                c.Area,
                c.SubAreas,
                c.Observation,
                c.Since,
                c.AlreadyTried,
                c.Urgency,
                c.Status,
                c.NextStep,
                c.Outcome,
                c.RaisedAt,
                c.AcknowledgedAt,
                AcknowledgedByName = c.AcknowledgedBy == null ? null : c.AcknowledgedBy.DisplayName,
                c.ClosedAt,
                c.UpdatedAt,
            })
            .ToListAsync(ct);

        var ids = rows.Select(r => r.Id).ToList();
        var history = (await db.ConcernHistory.AsNoTracking()
                .Where(h => ids.Contains(h.ConcernId))
                .Select(h => new
                {
                    h.ConcernId,
                    Entry = new PupilConcernHistoryEntry(h.Id, h.At, h.ActorId, h.Actor!.DisplayName, h.Change, h.FromStatus, h.ToStatus,
                        h.Text, h.Outcome),
                })
                .ToListAsync(ct))
            .ToLookup(h => h.ConcernId, h => h.Entry);

        return rows
            .OrderByDescending(r => r.RaisedAt).ThenByDescending(r => r.Id)
            .Select(r => new PupilConcern(r.Id, r.GroupId, r.GroupName, r.SchoolId, r.SchoolName, r.ShortName, r.Color,
                r.AuthorId, r.AuthorName, r.Area, r.SubAreas, r.Observation, r.Since, r.AlreadyTried, r.Urgency, r.Status,
                r.NextStep, r.Outcome, r.RaisedAt, r.AcknowledgedAt, r.AcknowledgedByName, r.ClosedAt, r.UpdatedAt,
                history[r.Id].OrderBy(h => h.At).ThenBy(h => h.Id).ToList()))
            .ToList();
    }
}
