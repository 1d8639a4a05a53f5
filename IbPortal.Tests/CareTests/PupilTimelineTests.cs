using IbPortal.Domain.Access;
using IbPortal.Domain.Care;
using IbPortal.Domain.Privacy;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.CareTests;

/// <summary>The pupil file's timeline and the inzage export over the seeded care records.</summary>
public sealed class PupilTimelineTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>The seeded pupil at school A with an observation by an external expert (the fullest story).</summary>
    private int ObservedPupil()
    {
        using var db = _db.CreateContext();
        return db.ExternalExpertReports.AsNoTracking().Single().PupilId;
    }

    /// <summary>The seeded pupil at school A with an OPP and referrals.</summary>
    private int ReferredPupil()
    {
        using var db = _db.CreateContext();
        var schoolA = _db.SchoolId(Logins.SchoolA);
        return db.DevelopmentPlans.AsNoTracking().Single(o => o.SchoolId == schoolA).PupilId;
    }

    [Fact]
    public async Task The_file_shows_every_kind_of_care_record_newest_first()
    {
        var file = await _db.Service<PupilFileService>(Logins.CareCoordinator).GetAsync(ObservedPupil());

        var kinds = file.Timeline.Select(e => e.Kind).ToHashSet();
        Assert.Superset(new HashSet<TimelineKind>
        {
            TimelineKind.Concern, TimelineKind.Discussion, TimelineKind.PlanStep, TimelineKind.Evaluation,
            TimelineKind.ParentConversation, TimelineKind.Consent, TimelineKind.ExternalExpert,
        }, kinds);
        Assert.Equal(file.Timeline.OrderByDescending(e => e.At).Select(e => e.At), file.Timeline.Select(e => e.At));
        Assert.Contains(file.Timeline, e => e.Title == "Ondersteuningsniveau 2 → 3");
        Assert.Contains(file.Timeline, e => e.Title == "Oudergesprek gepland" && e.IsPlanned);
        Assert.Contains(file.Timeline, e => e.Title.StartsWith("Toestemming gegeven: Observatie of onderzoek", StringComparison.Ordinal));
        Assert.Equal(3, file.CurrentSupportLevel);
        Assert.True(file.CanManageCare);
    }

    [Fact]
    public async Task Referrals_and_the_opp_appear_in_the_file()
    {
        var file = await _db.Service<PupilFileService>(Logins.CareCoordinator).GetAsync(ReferredPupil());

        Assert.Contains(file.Timeline, e => e.Kind == TimelineKind.Referral && e.Title == "Aanvraag arrangement: ingediend bij het samenwerkingsverband");
        Assert.Contains(file.Timeline, e => e.Kind == TimelineKind.Referral && e.Title == "Consultatie Passend Onderwijs: advies gegeven");
        Assert.Contains(file.Timeline, e => e.Title == "OPP afgesproken met de ouders");
        Assert.Equal(4, file.CurrentSupportLevel);
    }

    [Fact]
    public async Task The_pupils_teacher_sees_the_care_records_but_may_not_manage_them()
    {
        var file = await _db.Service<PupilFileService>(Logins.TeacherA).GetAsync(ObservedPupil());

        Assert.Contains(file.Timeline, e => e.Kind == TimelineKind.ExternalExpert);
        Assert.False(file.CanManageCare);
    }

    [Fact]
    public async Task A_teacher_of_the_other_school_is_refused() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Service<PupilFileService>(Logins.TeacherB).GetAsync(ObservedPupil()));

    [Fact]
    public async Task A_pupil_without_care_records_has_an_empty_timeline_at_level_one()
    {
        var file = await _db.Service<PupilFileService>(Logins.CareCoordinator).GetAsync(_db.NewPupilIn(Logins.TeacherA));

        Assert.Empty(file.Timeline);
        Assert.Equal(1, file.CurrentSupportLevel);
    }

    [Fact]
    public async Task A_group_discussion_shows_only_the_pupils_own_line_never_the_groups_notes_or_decisions()
    {
        var pupil = ObservedPupil();   // on the seeded group discussion of group 5, whose decisions concern others too
        string decisions;
        using (var db = _db.CreateContext())
            decisions = db.Discussions.AsNoTracking().Single(d => d.Kind == Domain.Discussions.DiscussionKind.GroupDiscussion && d.Decisions != null).Decisions!;

        var export = await _db.Service<InzageService>(Logins.CareCoordinator).ExportAsync(pupil);
        var file = await _db.Service<PupilFileService>(Logins.CareCoordinator).GetAsync(pupil);

        Assert.Contains(export.CareRecords, e => e.Kind == TimelineKind.Discussion && e.Title.StartsWith("Groepsbespreking", StringComparison.Ordinal));
        Assert.DoesNotContain(export.CareRecords, e => e.Detail?.Contains(decisions, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(file.Timeline, e => e.Detail?.Contains(decisions, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_inzage_export_holds_the_care_records_and_the_guardians()
    {
        var pupil = ReferredPupil();

        var export = await _db.Service<InzageService>(Logins.PrivacyOfficer).ExportAsync(pupil);

        Assert.Contains(export.CareRecords, e => e.Kind == TimelineKind.Referral);
        Assert.Contains(export.CareRecords, e => e.Kind == TimelineKind.Consent);
        Assert.NotEmpty(export.Guardians);
        var roundTrip = InzageService.FromJson(InzageService.ToJson(export));
        Assert.Equal(export.CareRecords.Count, roundTrip.CareRecords.Count);
        Assert.Equal(export.Guardians.Count, roundTrip.Guardians.Count);
    }
}
