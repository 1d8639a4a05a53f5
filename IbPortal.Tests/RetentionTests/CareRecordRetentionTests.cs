using IbPortal.Domain.Data;
using IbPortal.Domain.Retention;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.RetentionTests;

/// <summary>Retention of every pupil-care record beyond concerns, and of referrals with their own, longer period.</summary>
public sealed class CareRecordRetentionTests : IDisposable
{
    private const string Privacy = DemoDataSeeder.PrivacyOfficerLogin;
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static readonly string[] AllTypes = [.. CareRecordRetentionScenario.CareTypes, RetentionKinds.ReferralRecord];

    private Dictionary<string, HashSet<int>> Snapshot() =>
        AllTypes.ToDictionary(t => t, t => CareRecordRetentionScenario.StoredIds(_database, t));

    [Fact]
    public async Task Every_care_record_at_a_school_the_pupil_left_goes_once_the_care_period_passed()
    {
        var s = CareRecordRetentionScenario.Create(_database);
        var before = Snapshot();

        var report = await _database.Retention(Privacy).RunAsync();

        var care = report.Kind(RetentionKinds.CareData);
        foreach (var type in CareRecordRetentionScenario.CareTypes)
        {
            var expected = s.IdsOf(type, (s.Leaver, s.SchoolA), (s.Mover, s.SchoolA));
            Assert.True(expected.Count > 0, $"the scenario has no {type} to remove");
            Assert.Equal(expected, care.IdsOf(type).ToHashSet());
            Assert.Equal(before[type].Except(expected).ToHashSet(), CareRecordRetentionScenario.StoredIds(_database, type));
            Assert.Superset(s.IdsOf(type, (s.OneDayShort, s.SchoolA), (s.Mover, s.SchoolB)), CareRecordRetentionScenario.StoredIds(_database, type));
        }
        Assert.Equal(before[RetentionKinds.ReferralRecord], CareRecordRetentionScenario.StoredIds(_database, RetentionKinds.ReferralRecord));
        Assert.Equal(0, report.Kind(RetentionKinds.ReferralData).Count);
    }

    [Fact]
    public async Task A_pupil_discussion_about_the_leaver_alone_goes_with_its_notes_one_with_another_pupil_stays()
    {
        var s = CareRecordRetentionScenario.Create(_database);
        var alone = AddPupilDiscussion(s, s.Leaver);
        var shared = AddPupilDiscussion(s, s.Leaver, s.OneDayShort);

        var preview = await _database.Retention(Privacy).PreviewAsync();
        var report = await _database.Retention(Privacy).RunAsync();

        var removed = report.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.PupilDiscussionRecord);
        Assert.Contains(alone, removed);
        Assert.DoesNotContain(shared, removed);
        Assert.Equal(preview.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.PupilDiscussionRecord), removed);
        using var db = _database.CreateContext();
        Assert.False(db.Discussions.Any(d => d.Id == alone));
        Assert.False(db.AgendaItems.Any(a => a.DiscussionId == alone));
        Assert.False(db.ActionItems.Any(a => a.DiscussionId == alone));
        Assert.Equal([s.OneDayShort], db.DiscussionPupils.Where(p => p.DiscussionId == shared).Select(p => p.PupilId).ToList());
    }

    private int AddPupilDiscussion(CareRecordRetentionScenario s, params int[] pupils)
    {
        using var db = _database.CreateContext();
        var now = _database.Clock.GetUtcNow().UtcDateTime;
        var ib = db.StaffMembers.Single(m => m.Login == Logins.CareCoordinator).Id;
        var discussion = new Domain.Discussions.Discussion
        {
            Kind = Domain.Discussions.DiscussionKind.PupilDiscussion, SchoolId = s.SchoolA,
            GroupId = db.Enrolments.Where(e => e.PupilId == pupils[0] && e.Group!.SchoolId == s.SchoolA).Select(e => e.GroupId).First(),
            ScheduledAt = now, CoordinatorId = ib, TeacherId = db.StaffMembers.Single(m => m.Login == Logins.TeacherA).Id,
            Notes = "Alleen over deze leerling(en).", CreatedAt = now, UpdatedAt = now,
        };
        foreach (var pupil in pupils)
            discussion.Pupils.Add(new Domain.Discussions.DiscussionPupil { PupilId = pupil });
        discussion.Agenda.Add(new Domain.Discussions.AgendaItem { Position = 1, Text = "Zonder leerling", Source = Domain.Discussions.AgendaSource.Manual });
        discussion.ActionItems.Add(new Domain.Discussions.ActionItem
        {
            SchoolId = s.SchoolA, Description = "Zonder leerling", OwnerId = ib, DueOn = DateOnly.FromDateTime(now), CreatedAt = now, CreatedById = ib,
        });
        db.Discussions.Add(discussion);
        db.SaveChanges();
        return discussion.Id;
    }

    [Fact]
    public async Task The_discussion_and_its_items_without_a_pupil_stay_only_the_leavers_lines_go()
    {
        var s = CareRecordRetentionScenario.Create(_database);

        await _database.Retention(Privacy).RunAsync();

        using var db = _database.CreateContext();
        Assert.True(db.Discussions.Any(d => d.Id == s.DiscussionId));
        Assert.Equal([s.OneDayShort], db.DiscussionPupils.Where(p => p.DiscussionId == s.DiscussionId).Select(p => p.PupilId).ToList());
        Assert.Equal([s.GroupItems.Agenda, .. s.IdsOf(RetentionKinds.AgendaItemRecord, (s.OneDayShort, s.SchoolA))],
            db.AgendaItems.Where(a => a.DiscussionId == s.DiscussionId).OrderBy(a => a.PupilId != null).Select(a => a.Id).ToList());
        Assert.Equal([s.GroupItems.Action, .. s.IdsOf(RetentionKinds.ActionItemRecord, (s.OneDayShort, s.SchoolA))],
            db.ActionItems.Where(a => a.DiscussionId == s.DiscussionId).OrderBy(a => a.PupilId != null).Select(a => a.Id).ToList());
    }

    [Fact]
    public async Task A_conversation_that_stays_loses_only_its_link_to_a_goal_that_goes()
    {
        var s = CareRecordRetentionScenario.Create(_database);
        using (var db = _database.CreateContext())
            Assert.Single(db.ParentConversationGoals.Where(g => g.ConversationId == s.ConversationAtB));

        await _database.Retention(Privacy).RunAsync();

        using var check = _database.CreateContext();
        Assert.True(check.ParentConversations.Any(c => c.Id == s.ConversationAtB));
        Assert.Empty(check.ParentConversationGoals.Where(g => g.ConversationId == s.ConversationAtB));
        var gone = s.IdsOf(RetentionKinds.ParentConversationRecord, (s.Leaver, s.SchoolA));
        Assert.Empty(check.ParentConversationGoals.Where(g => gone.Contains(g.ConversationId)));
    }

    [Fact]
    public async Task A_visit_and_a_coaching_goal_about_the_teacher_stay_and_lose_only_their_links_to_the_concern_and_request_that_go()
    {
        var s = CareRecordRetentionScenario.Create(_database);

        await _database.Retention(Privacy).RunAsync();

        using var db = _database.CreateContext();
        foreach (var (pupil, school, visitId) in s.Visits)
        {
            var gone = school == s.SchoolA && pupil != s.OneDayShort;
            var visit = db.ClassroomVisits.AsNoTracking().Single(v => v.Id == visitId);
            var goal = db.CoachingGoals.AsNoTracking().Single(g => g.VisitId == visitId);
            Assert.Equal(gone, visit.ConcernId is null);
            Assert.Equal(gone, visit.SupportRequestId is null);
            Assert.Equal(gone, goal.SupportRequestId is null);
            Assert.Equal(gone, !db.VisitPupilNotes.Any(n => n.VisitId == visitId));
        }
    }

    [Fact]
    public async Task Care_records_stay_until_the_day_the_period_ends()
    {
        var s = CareRecordRetentionScenario.Create(_database);
        var shortOf = CareRecordRetentionScenario.CareTypes.ToDictionary(t => t, t => s.IdsOf(t, (s.OneDayShort, s.SchoolA)));

        var first = await _database.Retention(Privacy).RunAsync();
        _database.Clock.Advance(TimeSpan.FromDays(1));
        var next = await _database.Retention(Privacy).RunAsync();

        foreach (var (type, ids) in shortOf)
        {
            Assert.Empty(first.Kind(RetentionKinds.CareData).IdsOf(type).Intersect(ids));
            Assert.Equal(ids, next.Kind(RetentionKinds.CareData).IdsOf(type).ToHashSet());
            Assert.Empty(CareRecordRetentionScenario.StoredIds(_database, type).Intersect(ids));
        }
    }

    [Fact]
    public async Task Referrals_keep_their_own_longer_period_and_the_pupil_keeps_their_name_until_they_are_gone()
    {
        var s = CareRecordRetentionScenario.Create(_database);
        var referrals = s.IdsOf(RetentionKinds.ReferralRecord, (s.Leaver, s.SchoolA), (s.Mover, s.SchoolA));

        var run = await _database.Retention(Privacy).RunAsync();

        Assert.DoesNotContain(s.Leaver, run.PupilsToAnonymize);
        Assert.Null(_database.StoredPupil(s.Leaver).AnonymizedAt);
        Assert.Superset(referrals, CareRecordRetentionScenario.StoredIds(_database, RetentionKinds.ReferralRecord));

        _database.Clock.SetUtcNow(new DateTimeOffset(RetentionScenario.LongAgo.AddYears(3).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var later = await _database.Retention(Privacy).RunAsync();

        var referral = later.Kind(RetentionKinds.ReferralData);
        Assert.Equal(3, referral.YearsAfterLeaving);
        Assert.Equal(referrals, referral.IdsOf(RetentionKinds.ReferralRecord).ToHashSet());
        Assert.Empty(CareRecordRetentionScenario.StoredIds(_database, RetentionKinds.ReferralRecord).Intersect(referrals));
        Assert.Contains(s.Leaver, later.PupilsToAnonymize);
        Assert.NotNull(_database.StoredPupil(s.Leaver).AnonymizedAt);
        Assert.DoesNotContain(s.Mover, later.PupilsToAnonymize);
        Assert.Superset(s.IdsOf(RetentionKinds.ReferralRecord, (s.Mover, s.SchoolB)), CareRecordRetentionScenario.StoredIds(_database, RetentionKinds.ReferralRecord));
    }

    [Fact]
    public async Task The_dry_run_names_every_record_the_run_removes_id_for_id_and_removes_nothing()
    {
        var s = CareRecordRetentionScenario.Create(_database);
        var before = Snapshot();
        var service = _database.Retention(Privacy);

        var preview = await service.PreviewAsync();
        var afterPreview = Snapshot();
        var run = await service.RunAsync();
        var afterRun = Snapshot();

        Assert.All(AllTypes, t => Assert.Equal(before[t], afterPreview[t]));
        Assert.Equal(Flatten(preview), Flatten(run));
        foreach (var kind in run.Kinds)
        {
            foreach (var records in kind.Records)
                Assert.Equal(before[records.RecordType].Except(afterRun[records.RecordType]).Order(), records.Ids);
        }
        Assert.True(run.Kind(RetentionKinds.CareData).Count >= CareRecordRetentionScenario.CareTypes.Length * 2);
        _ = s;
    }

    [Fact]
    public async Task The_run_summary_names_ids_but_never_the_care_content()
    {
        CareRecordRetentionScenario.Create(_database);

        var report = await _database.Retention(Privacy).RunAsync();

        using var db = _database.CreateContext();
        var summary = db.RetentionRuns.AsNoTracking().Single(r => r.Id == report.RunId).Summary;
        Assert.Contains(RetentionKinds.ExternalExpertReportRecord, summary, StringComparison.Ordinal);
        Assert.DoesNotContain(CareRecordRetentionScenario.Secret, summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Vertrekker", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_record_type_is_listed_once_with_children_before_their_parents_and_has_a_Dutch_name()
    {
        var care = RetentionService.Kinds.Single(k => k.Code == RetentionKinds.CareData).RecordTypes.ToList();
        var referral = RetentionService.Kinds.Single(k => k.Code == RetentionKinds.ReferralData).RecordTypes;

        Assert.Equal(CareRecordRetentionScenario.CareTypes.Order(), care.Order());
        Assert.Equal([RetentionKinds.ReferralRecord], referral);
        foreach (var (child, parent) in new[]
                 {
                     (RetentionKinds.ConcernHistoryRecord, RetentionKinds.ConcernRecord),
                     (RetentionKinds.GoalEvaluationRecord, RetentionKinds.PlanGoalRecord),
                     (RetentionKinds.PlanGoalRecord, RetentionKinds.SupportPlanRecord),
                     (RetentionKinds.ParentConversationRecord, RetentionKinds.PlanGoalRecord),
                     (RetentionKinds.ExternalExpertReportRecord, RetentionKinds.ConsentRecord),
                     (RetentionKinds.ConsentRecord, RetentionKinds.GuardianRecord),
                 })
            Assert.True(care.IndexOf(child) < care.IndexOf(parent), $"{child} must go before {parent}");
        foreach (var type in AllTypes)
        {
            Assert.NotEqual(type, RetentionKinds.DutchRecordType(type, 1));
            Assert.NotEqual(type, RetentionKinds.DutchRecordType(type, 2));
        }
    }

    private static IEnumerable<(string, string, int)> Flatten(RetentionReport report) =>
        report.Kinds.SelectMany(k => k.Records.SelectMany(r => r.Ids.Select(id => (k.Kind, r.RecordType, id))));
}
