using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.SupportTests;

/// <summary>Who reads a pupil's support, what they see, and what the audit trail keeps of it.</summary>
public sealed class SupportOverviewTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task The_pupils_teacher_reads_everything_but_manages_nothing()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.SetLevelAsync(pupil, 3);
        await _db.MakePlanAsync(pupil);
        await _db.Opps().CreateAsync(new NewDevelopmentPlan { PupilId = pupil, Reason = DevelopmentPlanReason.SchoolChoice, Perspective = "Vmbo-kader." });

        var school = Assert.Single((await _db.Support(Logins.TeacherA).GetOverviewAsync(pupil)).Schools);

        Assert.Equal((3, "Teacher", false, false), (school.CurrentLevel, school.Role, school.CanManage, school.CanStartNew));
        Assert.NotNull(school.ActivePlan);
        Assert.NotNull(school.ActiveDevelopmentPlan);
        Assert.Single(school.LevelHistory);
    }

    [Theory]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Nobody_else_reads_a_pupils_support_and_the_refusal_names_the_pupil(string login)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.MakePlanAsync(pupil);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Support(login).GetOverviewAsync(pupil));

        var refusal = Assert.Single(_db.AuditOf(login, SupportAuditActions.Read));
        Assert.Equal((AuditOutcome.Refused, AuditRecordKind.PupilFile, pupil, pupil), (refusal.Outcome, refusal.RecordKind, refusal.RecordId, refusal.PupilId));
        Assert.Empty(_db.AuditOf(login, SupportAuditActions.PlanRead));
    }

    [Fact]
    public async Task An_unknown_pupil_is_refused_like_any_other()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Support().GetOverviewAsync(987_654));

        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.AuditOf(Logins.CareCoordinator, SupportAuditActions.Read)).Outcome);
    }

    [Fact]
    public async Task Reading_is_audited_per_school_plan_and_OPP_with_the_role()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.SetLevelAsync(pupil, 2);
        var closed = await _db.MakePlanAsync(pupil);
        await _db.Plans().ClosePlanAsync(closed, 0, "Klaar.");
        var active = await _db.MakePlanAsync(pupil);
        var opp = await _db.Opps().CreateAsync(new NewDevelopmentPlan { PupilId = pupil, Reason = DevelopmentPlanReason.SchoolChoice, Perspective = "Havo." });
        var school = _db.SchoolId(Logins.SchoolA);

        await _db.Support(Logins.TeacherA).GetOverviewAsync(pupil);

        var read = Assert.Single(_db.AuditOf(Logins.TeacherA, SupportAuditActions.Read));
        Assert.Equal((AuditRecordKind.SupportLevel, pupil, school, "Teacher", AuditOutcome.Allowed), (read.RecordKind, read.PupilId, read.SchoolId, read.Role, read.Outcome));
        Assert.Equal([closed, active], _db.AuditOf(Logins.TeacherA, SupportAuditActions.PlanRead).Select(a => a.RecordId!.Value).Order());
        Assert.All(_db.AuditOf(Logins.TeacherA, SupportAuditActions.PlanRead), a => Assert.Equal((AuditRecordKind.SupportPlan, "Teacher"), (a.RecordKind, a.Role)));
        Assert.Equal(opp, Assert.Single(_db.AuditOf(Logins.TeacherA, SupportAuditActions.DevelopmentPlanRead)).RecordId);
    }

    [Fact]
    public async Task After_a_move_the_IBer_sees_the_new_school_first_and_the_old_records_stay_with_the_old_school()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.SetLevelAsync(pupil, 3);
        var oldPlan = await _db.MakePlanAsync(pupil);
        var schoolB = _db.SchoolId(Logins.SchoolB);
        using (var db = _db.CreateContext())
        {
            await db.Enrolments.Where(e => e.PupilId == pupil).ExecuteUpdateAsync(s => s.SetProperty(e => e.LeftOn, _db.Today().AddDays(-1)));
            var groupB = db.GroupTeachers.Where(t => t.StaffMember!.Login == Logins.TeacherB).Select(t => t.GroupId).First();
            db.Enrolments.Add(new Domain.Pupils.Enrolment { PupilId = pupil, GroupId = groupB, EnrolledOn = _db.Today() });
            await db.SaveChangesAsync();
        }

        await _db.Support().ChangeLevelAsync(pupil, 2, "Nieuwe school: eerst kijken wat werkt in de klas.");
        var overview = await _db.Support().GetOverviewAsync(pupil);
        var teacherB = await _db.Support(Logins.TeacherB).GetOverviewAsync(pupil);

        Assert.Equal([schoolB, _db.SchoolId(Logins.SchoolA)], overview.Schools.Select(s => s.SchoolId));
        Assert.Equal((2, true, true), (overview.Schools[0].CurrentLevel, overview.Schools[0].IsCurrentSchool, overview.Schools[0].CanStartNew));
        Assert.Equal((3, false, true, false), (overview.Schools[1].CurrentLevel, overview.Schools[1].IsCurrentSchool, overview.Schools[1].CanManage, overview.Schools[1].CanStartNew));
        Assert.Equal(oldPlan, overview.Schools[1].ActivePlan!.Id);
        Assert.Equal(schoolB, Assert.Single(teacherB.Schools).SchoolId); // the new teacher does not see the old school's records
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Support(Logins.TeacherA).GetOverviewAsync(pupil));
    }

}
