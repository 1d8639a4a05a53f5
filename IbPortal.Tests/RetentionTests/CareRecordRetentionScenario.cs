using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Retention;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.RetentionTests;

/// <summary>
/// Pupils with every kind of pupil-care record (HGW plans, OPPs, parents, consents, expert reports, discussion lines,
/// referrals), left around the care period's boundary as seen from <see cref="RetentionScenario.RunDay"/>. Every free
/// text carries <see cref="Secret"/>, which must never reach a run summary.
/// </summary>
internal sealed class CareRecordRetentionScenario
{
    public const string Secret = "GEHEIM-zorg";

    private readonly TestDatabase _database;

    private CareRecordRetentionScenario(TestDatabase database) => _database = database;

    public int SchoolA { get; private set; }
    public int SchoolB { get; private set; }

    /// <summary>Left school A long ago: every care record there goes on the run day; the referral stays a year longer.</summary>
    public int Leaver { get; private set; }

    /// <summary>Left school A two years minus one day before the run day: everything stays, until the next day.</summary>
    public int OneDayShort { get; private set; }

    /// <summary>Left school A long ago and enrolled at school B since: records at A go, those at B stay.</summary>
    public int Mover { get; private set; }

    /// <summary>A discussion at school A with the three on it; it belongs to the group and stays.</summary>
    public int DiscussionId { get; private set; }

    /// <summary>Agenda and action items of that discussion without a pupil: they stay.</summary>
    public (int Agenda, int Action) GroupItems { get; private set; }

    /// <summary>The Mover's conversation at school B, linked to a goal of the plan at school A.</summary>
    public int ConversationAtB { get; private set; }

    /// <summary>The classroom visit written for each pupil and school (it stays: it is about the teacher).</summary>
    public List<(int PupilId, int SchoolId, int VisitId)> Visits { get; } = [];

    /// <summary>The ids of every record written here, per record type and per (pupil, school).</summary>
    public Dictionary<(int PupilId, int SchoolId), Dictionary<string, List<int>>> Records { get; } = [];

    /// <summary>Ids of <paramref name="recordType"/> written for these (pupil, school) pairs.</summary>
    public HashSet<int> IdsOf(string recordType, params (int PupilId, int SchoolId)[] at) =>
        at.SelectMany(p => Records.TryGetValue(p, out var types) && types.TryGetValue(recordType, out var ids) ? ids : []).ToHashSet();

    public static CareRecordRetentionScenario Create(TestDatabase database)
    {
        var scenario = new CareRecordRetentionScenario(database);
        scenario.Build();
        database.Clock.SetUtcNow(RetentionScenario.RunMoment);
        return scenario;
    }

    private void Build()
    {
        using var db = _database.CreateContext();
        SchoolA = db.Schools.Single(s => s.ShortName == Logins.SchoolA).Id;
        SchoolB = db.Schools.Single(s => s.ShortName == Logins.SchoolB).Id;
        Leaver = _database.NewPupilIn(Logins.TeacherA, "Vertrekker");
        OneDayShort = _database.NewPupilIn(Logins.TeacherA, "Bijnaweg");
        Mover = _database.NewPupilIn(Logins.TeacherA, "Verhuizer");
        var groupA = db.Enrolments.Where(e => e.PupilId == Leaver).Select(e => e.GroupId).Single();
        var groupB = db.GroupTeachers.Where(t => t.StaffMember!.Login == Logins.TeacherB).Select(t => t.GroupId).First();

        var goalAtA = AddEverything(db, Leaver, SchoolA, groupA);
        AddEverything(db, OneDayShort, SchoolA, groupA);
        var moverGoalAtA = AddEverything(db, Mover, SchoolA, groupA);
        AddEverything(db, Mover, SchoolB, groupB);
        _ = goalAtA;

        // At school B, a conversation that stays links to a goal of the Mover's plan at school A, which goes.
        var conversation = NewConversation(Mover, SchoolB);
        conversation.LinkedGoals.Add(new ParentConversationGoal { GoalId = moverGoalAtA });
        db.ParentConversations.Add(conversation);
        db.SaveChanges();
        ConversationAtB = conversation.Id;
        Add(Mover, SchoolB, RetentionKinds.ParentConversationRecord, conversation.Id);

        var discussion = new Discussion
        {
            Kind = DiscussionKind.GroupDiscussion,
            SchoolId = SchoolA,
            GroupId = groupA,
            ScheduledAt = Now,
            CoordinatorId = Staff(db, Logins.CareCoordinator),
            TeacherId = Staff(db, Logins.TeacherA),
            Notes = $"{Secret} notities van de groepsbespreking",
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        var position = 0;
        foreach (var pupil in new[] { Leaver, OneDayShort, Mover })
        {
            discussion.Pupils.Add(new DiscussionPupil { PupilId = pupil, EducationalNeeds = $"{Secret} behoeften", HinderingFactors = $"{Secret} belemmerend" });
            discussion.Agenda.Add(new AgendaItem { Position = position++, Text = $"{Secret} agendapunt", Source = AgendaSource.Manual, PupilId = pupil });
        }
        discussion.Agenda.Add(new AgendaItem { Position = position, Text = "Groepsoverzicht", Source = AgendaSource.Manual });
        db.Discussions.Add(discussion);
        db.SaveChanges();
        DiscussionId = discussion.Id;
        foreach (var line in discussion.Pupils)
            Add(line.PupilId, SchoolA, RetentionKinds.DiscussionPupilRecord, line.Id);

        // A pupil discussion about each of them alone: it goes with the pupil's care data.
        foreach (var pupil in new[] { Leaver, OneDayShort, Mover })
        {
            var single = new Discussion
            {
                Kind = DiscussionKind.PupilDiscussion, SchoolId = SchoolA, GroupId = groupA, ScheduledAt = Now,
                CoordinatorId = Staff(db, Logins.CareCoordinator), TeacherId = Staff(db, Logins.TeacherA),
                Notes = $"{Secret} notities van de leerlingbespreking", CreatedAt = Now, UpdatedAt = Now,
            };
            single.Pupils.Add(new DiscussionPupil { PupilId = pupil });
            db.Discussions.Add(single);
            db.SaveChanges();
            Add(pupil, SchoolA, RetentionKinds.PupilDiscussionRecord, single.Id);
            Add(pupil, SchoolA, RetentionKinds.DiscussionPupilRecord, single.Pupils[0].Id);
        }
        foreach (var item in discussion.Agenda.Where(a => a.PupilId is not null))
            Add(item.PupilId!.Value, SchoolA, RetentionKinds.AgendaItemRecord, item.Id);
        var groupAgenda = discussion.Agenda.Single(a => a.PupilId is null).Id;

        var actions = new[] { Leaver, OneDayShort, Mover }.Select(p => NewAction(db, discussion.Id, p)).ToList();
        var groupAction = NewAction(db, discussion.Id, null);
        db.ActionItems.AddRange([.. actions, groupAction]);
        db.SaveChanges();
        foreach (var action in actions)
            Add(action.PupilId!.Value, SchoolA, RetentionKinds.ActionItemRecord, action.Id);
        GroupItems = (groupAgenda, groupAction.Id);

        Leave(db, Leaver, RetentionScenario.LongAgo);
        Leave(db, OneDayShort, RetentionScenario.TwoYearsMinusOneDay);
        Leave(db, Mover, RetentionScenario.LongAgo);
        db.Enrolments.Add(new Enrolment { PupilId = Mover, GroupId = groupB, EnrolledOn = RetentionScenario.LongAgo.AddDays(1) });
        db.SaveChanges();
    }

    private DateTime Now => _database.Clock.GetUtcNow().UtcDateTime;

    /// <summary>One record of every type for the pupil at the school; returns the id of a plan goal.</summary>
    private int AddEverything(PortalDbContext db, int pupilId, int schoolId, int groupId)
    {
        var ib = Staff(db, Logins.CareCoordinator);
        var today = DateOnly.FromDateTime(Now);

        var concern = new Concern
        {
            PupilId = pupilId, GroupId = groupId, SchoolId = schoolId, AuthorId = ib, Area = DevelopmentArea.Cognitive,
            Observation = $"{Secret} observatie", AlreadyTried = $"{Secret} geprobeerd", Urgency = Urgency.Normal, Status = ConcernStatus.New,
            RaisedAt = Now, UpdatedAt = Now,
        };
        concern.History.Add(new ConcernHistoryEntry { At = Now, ActorId = ib, Change = ConcernChange.Raised, ToStatus = ConcernStatus.New });
        db.Concerns.Add(concern);

        var guardian = new Guardian { PupilId = pupilId, SchoolId = schoolId, Name = $"{Secret} ouder", HasParentalAuthority = true, CreatedAt = Now, UpdatedAt = Now };
        var consent = new Consent
        {
            PupilId = pupilId, SchoolId = schoolId, Purpose = ConsentPurposes.ExternalExpert, State = ConsentState.Given, RequestedAt = Now,
            RequestedById = ib, Guardian = guardian, DecidedOn = today, Method = ConsentMethod.SignedForm, Note = $"{Secret} toelichting", UpdatedAt = Now,
        };
        var report = new ExternalExpertReport
        {
            PupilId = pupilId, SchoolId = schoolId, Kind = ExternalExpertReportKind.Assessment, ExpertName = $"{Secret} deskundige",
            TookPlaceOn = today, Findings = $"{Secret} bevindingen", Consent = consent, RecordedById = ib, RecordedAt = Now,
        };
        db.ExternalExpertReports.Add(report);

        var level = new SupportLevelChange { PupilId = pupilId, SchoolId = schoolId, Level = 4, PreviousLevel = 3, Reason = $"{Secret} reden", ChangedAt = Now, ChangedById = ib };
        db.SupportLevelChanges.Add(level);

        var goal = new PlanGoal { Kind = GoalKind.QuickWin, Position = 0, Description = $"{Secret} doel" };
        goal.Evaluations.Add(new GoalEvaluation { Result = EvaluationResult.PartlyAchieved, EvaluatedOn = today, Notes = $"{Secret} evaluatie", EvaluatedById = ib, RecordedAt = Now });
        var plan = new SupportPlan
        {
            PupilId = pupilId, SchoolId = schoolId, StartsOn = today, EducationalNeeds = $"{Secret} behoeften", CreatedAt = Now, CreatedById = ib, UpdatedAt = Now,
        };
        plan.Goals.Add(goal);
        db.SupportPlans.Add(plan);

        var opp = new DevelopmentPlan
        {
            PupilId = pupilId, SchoolId = schoolId, Reason = DevelopmentPlanReason.SupportLevel, Perspective = $"{Secret} perspectief",
            AgreedWithParentsOn = today, NextEvaluationOn = today.AddYears(1), CreatedAt = Now, CreatedById = ib, UpdatedAt = Now,
        };
        opp.Evaluations.Add(new DevelopmentPlanEvaluation { EvaluatedOn = today, Notes = $"{Secret} OPP-evaluatie", EvaluatedById = ib, RecordedAt = Now });
        db.DevelopmentPlans.Add(opp);
        db.SaveChanges();

        var conversation = NewConversation(pupilId, schoolId);
        conversation.LinkedGoals.Add(new ParentConversationGoal { GoalId = goal.Id });
        db.ParentConversations.Add(conversation);

        var referral = new PartnershipReferral
        {
            PupilId = pupilId, SchoolId = schoolId, Kind = ReferralKind.ArrangementRequest, SupportQuestion = $"{Secret} hulpvraag",
            ParentsView = $"{Secret} ouders", CreatedAt = Now, CreatedById = ib, UpdatedAt = Now,
        };
        db.PartnershipReferrals.Add(referral);
        db.SaveChanges();

        // A classroom visit focused on the concern and answering a support request about the pupil, with a note about the
        // pupil and a coaching goal from the request: the note and the request go, the visit and the goal stay unlinked.
        var teacher = Staff(db, schoolId == SchoolA ? Logins.TeacherA : Logins.TeacherB);
        var request = new TeacherSupportRequest
        {
            SchoolId = schoolId, TeacherId = teacher, Topic = SupportTopic.Pupil, GroupId = groupId, PupilId = pupilId,
            Question = $"{Secret} hulpvraag van de leerkracht", CreatedAt = Now,
        };
        db.TeacherSupportRequests.Add(request);
        db.SaveChanges();
        var visit = new ClassroomVisit
        {
            SchoolId = schoolId, GroupId = groupId, TeacherId = teacher, CoordinatorId = ib, ScheduledAt = Now, Focus = "Instructie",
            ConcernId = concern.Id, SupportRequestId = request.Id, CreatedAt = Now, UpdatedAt = Now,
        };
        visit.PupilNotes.Add(new VisitPupilNote { PupilId = pupilId, SchoolId = schoolId, Note = $"{Secret} notitie", CreatedAt = Now, CreatedById = ib });
        visit.Goals.Add(new CoachingGoal
        {
            SchoolId = schoolId, TeacherId = teacher, SupportRequestId = request.Id, Description = "Doel", CreatedAt = Now, CreatedById = ib,
        });
        db.ClassroomVisits.Add(visit);
        db.SaveChanges();
        Visits.Add((pupilId, schoolId, visit.Id));

        Add(pupilId, schoolId, RetentionKinds.ConcernRecord, concern.Id);
        Add(pupilId, schoolId, RetentionKinds.ConcernHistoryRecord, concern.History.Single().Id);
        Add(pupilId, schoolId, RetentionKinds.GuardianRecord, guardian.Id);
        Add(pupilId, schoolId, RetentionKinds.ConsentRecord, consent.Id);
        Add(pupilId, schoolId, RetentionKinds.ExternalExpertReportRecord, report.Id);
        Add(pupilId, schoolId, RetentionKinds.SupportLevelChangeRecord, level.Id);
        Add(pupilId, schoolId, RetentionKinds.SupportPlanRecord, plan.Id);
        Add(pupilId, schoolId, RetentionKinds.PlanGoalRecord, goal.Id);
        Add(pupilId, schoolId, RetentionKinds.GoalEvaluationRecord, goal.Evaluations.Single().Id);
        Add(pupilId, schoolId, RetentionKinds.DevelopmentPlanEvaluationRecord, opp.Evaluations[0].Id);
        Add(pupilId, schoolId, RetentionKinds.DevelopmentPlanRecord, opp.Id);
        Add(pupilId, schoolId, RetentionKinds.ParentConversationRecord, conversation.Id);
        Add(pupilId, schoolId, RetentionKinds.ReferralRecord, referral.Id);
        Add(pupilId, schoolId, RetentionKinds.VisitPupilNoteRecord, visit.PupilNotes.Single().Id);
        Add(pupilId, schoolId, RetentionKinds.SupportRequestRecord, request.Id);
        return goal.Id;
    }

    private ParentConversation NewConversation(int pupilId, int schoolId)
    {
        using var db = _database.CreateContext();
        return new ParentConversation
        {
            PupilId = pupilId, SchoolId = schoolId, HeldOn = DateOnly.FromDateTime(Now), ParentExpectations = $"{Secret} verwachtingen",
            AgreedGoals = $"{Secret} afspraken", RecordedById = Staff(db, Logins.CareCoordinator), CreatedAt = Now, UpdatedAt = Now,
        };
    }

    private ActionItem NewAction(PortalDbContext db, int discussionId, int? pupilId) => new()
    {
        SchoolId = SchoolA, DiscussionId = discussionId, PupilId = pupilId, Description = $"{Secret} actie", OwnerId = Staff(db, Logins.TeacherA),
        DueOn = DateOnly.FromDateTime(Now).AddDays(14), CreatedAt = Now, CreatedById = Staff(db, Logins.CareCoordinator),
    };

    private void Add(int pupilId, int schoolId, string recordType, int id)
    {
        if (!Records.TryGetValue((pupilId, schoolId), out var types))
            Records[(pupilId, schoolId)] = types = [];
        if (!types.TryGetValue(recordType, out var ids))
            types[recordType] = ids = [];
        ids.Add(id);
    }

    private static int Staff(PortalDbContext db, string login) => db.StaffMembers.Single(s => s.Login == login).Id;

    private static void Leave(PortalDbContext db, int pupilId, DateOnly leftOn)
    {
        foreach (var enrolment in db.Enrolments.Where(e => e.PupilId == pupilId && e.LeftOn == null))
            enrolment.LeftOn = leftOn;
        db.SaveChanges();
    }

    /// <summary>Every id of <paramref name="recordType"/> in the database, read straight from its table.</summary>
    public static HashSet<int> StoredIds(TestDatabase database, string recordType)
    {
        using var db = database.CreateContext();
        return recordType switch
        {
            RetentionKinds.ConcernRecord => db.Concerns.Select(x => x.Id).ToHashSet(),
            RetentionKinds.ConcernHistoryRecord => db.ConcernHistory.Select(x => x.Id).ToHashSet(),
            RetentionKinds.GoalEvaluationRecord => db.GoalEvaluations.Select(x => x.Id).ToHashSet(),
            RetentionKinds.ParentConversationRecord => db.ParentConversations.Select(x => x.Id).ToHashSet(),
            RetentionKinds.PlanGoalRecord => db.PlanGoals.Select(x => x.Id).ToHashSet(),
            RetentionKinds.SupportPlanRecord => db.SupportPlans.Select(x => x.Id).ToHashSet(),
            RetentionKinds.SupportLevelChangeRecord => db.SupportLevelChanges.Select(x => x.Id).ToHashSet(),
            RetentionKinds.DevelopmentPlanEvaluationRecord => db.Set<DevelopmentPlanEvaluation>().Select(x => x.Id).ToHashSet(),
            RetentionKinds.DevelopmentPlanRecord => db.DevelopmentPlans.Select(x => x.Id).ToHashSet(),
            RetentionKinds.ExternalExpertReportRecord => db.ExternalExpertReports.Select(x => x.Id).ToHashSet(),
            RetentionKinds.ConsentRecord => db.Consents.Select(x => x.Id).ToHashSet(),
            RetentionKinds.GuardianRecord => db.Guardians.Select(x => x.Id).ToHashSet(),
            RetentionKinds.DiscussionPupilRecord => db.DiscussionPupils.Select(x => x.Id).ToHashSet(),
            RetentionKinds.PupilDiscussionRecord => db.Discussions.Where(x => x.Kind == DiscussionKind.PupilDiscussion).Select(x => x.Id).ToHashSet(),
            RetentionKinds.AgendaItemRecord => db.AgendaItems.Select(x => x.Id).ToHashSet(),
            RetentionKinds.ActionItemRecord => db.ActionItems.Select(x => x.Id).ToHashSet(),
            RetentionKinds.ReferralRecord => db.PartnershipReferrals.Select(x => x.Id).ToHashSet(),
            RetentionKinds.VisitPupilNoteRecord => db.VisitPupilNotes.Select(x => x.Id).ToHashSet(),
            RetentionKinds.SupportRequestRecord => db.TeacherSupportRequests.Select(x => x.Id).ToHashSet(),
            _ => throw new ArgumentOutOfRangeException(nameof(recordType), recordType, null),
        };
    }

    /// <summary>The care record types (every type of care data but the referral).</summary>
    public static readonly string[] CareTypes =
    [
        RetentionKinds.ConcernHistoryRecord, RetentionKinds.ConcernRecord, RetentionKinds.GoalEvaluationRecord, RetentionKinds.ParentConversationRecord,
        RetentionKinds.PlanGoalRecord, RetentionKinds.SupportPlanRecord, RetentionKinds.SupportLevelChangeRecord, RetentionKinds.DevelopmentPlanEvaluationRecord,
        RetentionKinds.DevelopmentPlanRecord,
        RetentionKinds.ExternalExpertReportRecord, RetentionKinds.ConsentRecord, RetentionKinds.GuardianRecord, RetentionKinds.DiscussionPupilRecord,
        RetentionKinds.AgendaItemRecord, RetentionKinds.ActionItemRecord, RetentionKinds.PupilDiscussionRecord,
        RetentionKinds.VisitPupilNoteRecord, RetentionKinds.SupportRequestRecord,
    ];
}
