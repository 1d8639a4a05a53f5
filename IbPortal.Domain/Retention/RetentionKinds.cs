using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Retention;

/// <summary>The kinds of data that have a retention period, as codes (used in run summaries) and in Dutch.</summary>
public static class RetentionKinds
{
    /// <summary>Zorggegevens: concerns (signaleringen) with their history, and every other pupil-care record.</summary>
    public const string CareData = "care-data";

    /// <summary>Referrals to the samenwerkingsverband (consultation, arrangement, toelaatbaarheidsverklaring).</summary>
    public const string ReferralData = "referral-data";

    public const string ConcernRecord = "concern";
    public const string ConcernHistoryRecord = "concern-history";
    public const string GoalEvaluationRecord = "goal-evaluation";
    public const string ParentConversationRecord = "parent-conversation";
    public const string PlanGoalRecord = "plan-goal";
    public const string SupportPlanRecord = "support-plan";
    public const string SupportLevelChangeRecord = "support-level-change";
    public const string DevelopmentPlanEvaluationRecord = "development-plan-evaluation";
    public const string DevelopmentPlanRecord = "development-plan";
    public const string ExternalExpertReportRecord = "external-expert-report";
    public const string ConsentRecord = "consent";
    public const string GuardianRecord = "guardian";
    public const string DiscussionPupilRecord = "discussion-pupil";
    public const string AgendaItemRecord = "agenda-item";
    public const string ActionItemRecord = "action-item";
    public const string PupilDiscussionRecord = "pupil-discussion";
    public const string ReferralRecord = "referral";
    public const string VisitPupilNoteRecord = "visit-pupil-note";
    public const string SupportRequestRecord = "teacher-support-request";

    public static string Dutch(string kind) => kind switch
    {
        CareData => "Zorggegevens",
        ReferralData => "Verwijzingen via het samenwerkingsverband",
        _ => kind,
    };

    /// <summary>A short name, for table headers.</summary>
    public static string DutchShort(string kind) => kind switch
    {
        CareData => "Zorggegevens",
        ReferralData => "Verwijzingen",
        _ => kind,
    };

    /// <summary>What the kind covers, for the explanation on the retention page.</summary>
    public static string DutchScope(string kind) => kind switch
    {
        CareData => "signaleringen met hun notities, volgende stappen en afronding; ondersteuningsniveaus, plannen met doelen en " +
                    "evaluaties, OPP's, ouders/verzorgers, oudergesprekken, toestemmingen, verslagen van externe deskundigen, en wat " +
                    "in besprekingen, actiepunten, klassenbezoeken en hulpvragen van leerkrachten over de leerling is vastgelegd",
        ReferralData => "aanvragen en consultaties bij het samenwerkingsverband, zoals een toelaatbaarheidsverklaring voor het " +
                        "speciaal (basis)onderwijs, met hun uitkomst",
        _ => kind,
    };

    public static string DutchRecordType(string recordType, int count) => recordType switch
    {
        ConcernRecord => count == 1 ? "signalering" : "signaleringen",
        ConcernHistoryRecord => count == 1 ? "stap uit de geschiedenis" : "stappen uit de geschiedenis",
        GoalEvaluationRecord => count == 1 ? "evaluatie van een doel" : "evaluaties van doelen",
        ParentConversationRecord => count == 1 ? "oudergesprek" : "oudergesprekken",
        PlanGoalRecord => count == 1 ? "doel uit een plan" : "doelen uit plannen",
        SupportPlanRecord => count == 1 ? "ondersteuningsplan" : "ondersteuningsplannen",
        SupportLevelChangeRecord => count == 1 ? "wijziging van het ondersteuningsniveau" : "wijzigingen van het ondersteuningsniveau",
        DevelopmentPlanEvaluationRecord => count == 1 ? "evaluatie van een OPP" : "evaluaties van OPP's",
        DevelopmentPlanRecord => count == 1 ? "OPP" : "OPP's",
        ExternalExpertReportRecord => count == 1 ? "verslag van een externe deskundige" : "verslagen van externe deskundigen",
        ConsentRecord => count == 1 ? "toestemming" : "toestemmingen",
        GuardianRecord => count == 1 ? "ouder/verzorger" : "ouders/verzorgers",
        DiscussionPupilRecord => count == 1 ? "leerlingregel uit een bespreking" : "leerlingregels uit besprekingen",
        AgendaItemRecord => count == 1 ? "agendapunt" : "agendapunten",
        ActionItemRecord => count == 1 ? "actiepunt" : "actiepunten",
        PupilDiscussionRecord => count == 1 ? "leerlingbespreking over alleen deze leerling" : "leerlingbesprekingen over alleen deze leerling",
        ReferralRecord => count == 1 ? "verwijzing" : "verwijzingen",
        VisitPupilNoteRecord => count == 1 ? "notitie uit een klassenbezoek" : "notities uit klassenbezoeken",
        SupportRequestRecord => count == 1 ? "hulpvraag van een leerkracht over de leerling" : "hulpvragen van leerkrachten over de leerling",
        _ => recordType,
    };
}

/// <summary>A record held about a pupil at a school, by id only.</summary>
internal readonly record struct HeldRecord(string RecordType, int Id, int PupilId, int SchoolId);

/// <summary>
/// One kind of data with its own retention period. <see cref="RetentionService"/> selects, reports and deletes every kind
/// the same way; a new kind of data is one more subclass in its list, a new type of record one more
/// <see cref="RecordSource"/> in its kind.
/// </summary>
internal abstract class RetentionDataKind
{
    /// <summary>Ids per query: EF Core sends a list as one SQL parameter per id, and databases cap the parameters.</summary>
    public const int ChunkSize = 500;

    public abstract string Code { get; }

    public abstract int YearsAfterLeaving(RetentionOptions options);

    /// <summary>The record types of this kind, in the order in which they must be deleted (dependent records first).</summary>
    protected abstract IReadOnlyList<RecordSource> Sources { get; }

    /// <summary>Record types in the order in which they must be deleted (dependent records first).</summary>
    public IReadOnlyList<string> RecordTypes => Sources.Select(s => s.RecordType).ToList();

    /// <summary>Every record of this kind held about <paramref name="pupilIds"/>, with the school it belongs to.</summary>
    public async Task<IReadOnlyList<HeldRecord>> RecordsOfAsync(PortalDbContext db, IReadOnlyCollection<int> pupilIds, CancellationToken ct)
    {
        var held = new List<HeldRecord>();
        foreach (var chunk in pupilIds.Chunk(ChunkSize))
        {
            var ids = chunk.ToList();
            foreach (var source in Sources)
                held.AddRange(await source.HeldAsync(db, ids, ct));
        }
        return held;
    }

    /// <summary>Deletes these records of one type; returns how many rows of that type went.</summary>
    public async Task<int> DeleteAsync(PortalDbContext db, string recordType, IReadOnlyList<int> ids, CancellationToken ct)
    {
        var source = Sources.FirstOrDefault(s => s.RecordType == recordType)
            ?? throw new ArgumentOutOfRangeException(nameof(recordType), recordType, $"Not a record type of {Code}.");
        var deleted = 0;
        foreach (var chunk in ids.Chunk(ChunkSize))
            deleted += await source.DeleteAsync(db, chunk.ToList(), ct);
        return deleted;
    }

    /// <summary>
    /// One type of record: how to find those held about some pupils (with the school each belongs to), and how to delete
    /// some by id. A delete may first remove link rows without an id of their own that would block it.
    /// </summary>
    protected sealed record RecordSource(
        string RecordType,
        Func<PortalDbContext, List<int>, CancellationToken, Task<List<HeldRecord>>> HeldAsync,
        Func<PortalDbContext, List<int>, CancellationToken, Task<int>> DeleteAsync);
}

/// <summary>
/// Care data, at the school each record belongs to: concerns and their history; support level changes, HGW plans with
/// their goals and evaluations, OPPs; guardians, parent conversations (with their links to plan goals), consents and
/// external experts' reports; and of discussions only what is about the pupil (their pupil line, agenda items and action
/// items naming them), never the discussion itself, which belongs to the group.
/// </summary>
internal sealed class CareDataKind : RetentionDataKind
{
    public override string Code => RetentionKinds.CareData;

    public override int YearsAfterLeaving(RetentionOptions options) => options.CareDataYearsAfterLeaving;

    // Children before parents: history → concern; evaluation → goal → plan; OPP evaluation → OPP; conversation (and its goal links) before
    // the goals they link to; expert report → consent → guardian.
    protected override IReadOnlyList<RecordSource> Sources { get; } =
    [
        new(RetentionKinds.ConcernHistoryRecord,
            (db, ids, ct) => db.ConcernHistory.AsNoTracking().Where(h => ids.Contains(h.Concern!.PupilId))
                .Select(h => new HeldRecord(RetentionKinds.ConcernHistoryRecord, h.Id, h.Concern!.PupilId, h.Concern.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.ConcernHistory.Where(h => ids.Contains(h.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.ConcernRecord,
            (db, ids, ct) => db.Concerns.AsNoTracking().Where(c => ids.Contains(c.PupilId))
                .Select(c => new HeldRecord(RetentionKinds.ConcernRecord, c.Id, c.PupilId, c.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.Concerns.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.GoalEvaluationRecord,
            (db, ids, ct) => db.GoalEvaluations.AsNoTracking().Where(e => ids.Contains(e.Goal!.Plan!.PupilId))
                .Select(e => new HeldRecord(RetentionKinds.GoalEvaluationRecord, e.Id, e.Goal!.Plan!.PupilId, e.Goal.Plan.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.GoalEvaluations.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.ParentConversationRecord,
            (db, ids, ct) => db.ParentConversations.AsNoTracking().Where(c => ids.Contains(c.PupilId))
                .Select(c => new HeldRecord(RetentionKinds.ParentConversationRecord, c.Id, c.PupilId, c.SchoolId)).ToListAsync(ct),
            async (db, ids, ct) =>
            {
                // The conversation's links to plan goals have no id of their own: they go with the conversation.
                await db.ParentConversationGoals.Where(g => ids.Contains(g.ConversationId)).ExecuteDeleteAsync(ct);
                return await db.ParentConversations.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
            }),
        new(RetentionKinds.PlanGoalRecord,
            (db, ids, ct) => db.PlanGoals.AsNoTracking().Where(g => ids.Contains(g.Plan!.PupilId))
                .Select(g => new HeldRecord(RetentionKinds.PlanGoalRecord, g.Id, g.Plan!.PupilId, g.Plan.SchoolId)).ToListAsync(ct),
            async (db, ids, ct) =>
            {
                // Links from conversations that stay (which would block the goal) go with the goal.
                await db.ParentConversationGoals.Where(g => ids.Contains(g.GoalId)).ExecuteDeleteAsync(ct);
                return await db.PlanGoals.Where(g => ids.Contains(g.Id)).ExecuteDeleteAsync(ct);
            }),
        new(RetentionKinds.SupportPlanRecord,
            (db, ids, ct) => db.SupportPlans.AsNoTracking().Where(p => ids.Contains(p.PupilId))
                .Select(p => new HeldRecord(RetentionKinds.SupportPlanRecord, p.Id, p.PupilId, p.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.SupportPlans.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.SupportLevelChangeRecord,
            (db, ids, ct) => db.SupportLevelChanges.AsNoTracking().Where(l => ids.Contains(l.PupilId))
                .Select(l => new HeldRecord(RetentionKinds.SupportLevelChangeRecord, l.Id, l.PupilId, l.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.SupportLevelChanges.Where(l => ids.Contains(l.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.DevelopmentPlanEvaluationRecord,
            (db, ids, ct) => db.Set<DevelopmentPlanEvaluation>().AsNoTracking().Where(e => ids.Contains(e.DevelopmentPlan!.PupilId))
                .Select(e => new HeldRecord(RetentionKinds.DevelopmentPlanEvaluationRecord, e.Id, e.DevelopmentPlan!.PupilId, e.DevelopmentPlan.SchoolId))
                .ToListAsync(ct),
            (db, ids, ct) => db.Set<DevelopmentPlanEvaluation>().Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.DevelopmentPlanRecord,
            (db, ids, ct) => db.DevelopmentPlans.AsNoTracking().Where(o => ids.Contains(o.PupilId))
                .Select(o => new HeldRecord(RetentionKinds.DevelopmentPlanRecord, o.Id, o.PupilId, o.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.DevelopmentPlans.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.ExternalExpertReportRecord,
            (db, ids, ct) => db.ExternalExpertReports.AsNoTracking().Where(r => ids.Contains(r.PupilId))
                .Select(r => new HeldRecord(RetentionKinds.ExternalExpertReportRecord, r.Id, r.PupilId, r.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.ExternalExpertReports.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.ConsentRecord,
            (db, ids, ct) => db.Consents.AsNoTracking().Where(c => ids.Contains(c.PupilId))
                .Select(c => new HeldRecord(RetentionKinds.ConsentRecord, c.Id, c.PupilId, c.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.Consents.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.GuardianRecord,
            (db, ids, ct) => db.Guardians.AsNoTracking().Where(g => ids.Contains(g.PupilId))
                .Select(g => new HeldRecord(RetentionKinds.GuardianRecord, g.Id, g.PupilId, g.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.Guardians.Where(g => ids.Contains(g.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.DiscussionPupilRecord,
            (db, ids, ct) => db.DiscussionPupils.AsNoTracking().Where(p => ids.Contains(p.PupilId))
                .Select(p => new HeldRecord(RetentionKinds.DiscussionPupilRecord, p.Id, p.PupilId, p.Discussion!.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.DiscussionPupils.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.AgendaItemRecord,
            (db, ids, ct) => db.AgendaItems.AsNoTracking().Where(a => a.PupilId != null && ids.Contains(a.PupilId.Value))
                .Select(a => new HeldRecord(RetentionKinds.AgendaItemRecord, a.Id, a.PupilId!.Value, a.Discussion!.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.AgendaItems.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(ct)),
        new(RetentionKinds.ActionItemRecord,
            (db, ids, ct) => db.ActionItems.AsNoTracking().Where(a => a.PupilId != null && ids.Contains(a.PupilId.Value))
                .Select(a => new HeldRecord(RetentionKinds.ActionItemRecord, a.Id, a.PupilId!.Value, a.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.ActionItems.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(ct)),
        // A pupil discussion about this pupil alone: its notes and decisions are about the pupil, so it goes with them
        // (a group or multi-pupil discussion belongs to the group and stays, without the pupil's lines).
        new(RetentionKinds.PupilDiscussionRecord,
            (db, ids, ct) => db.Discussions.AsNoTracking()
                .Where(d => d.Kind == DiscussionKind.PupilDiscussion && d.Pupils.Count == 1 && d.Pupils.Any(p => ids.Contains(p.PupilId)))
                .Select(d => new HeldRecord(RetentionKinds.PupilDiscussionRecord, d.Id, d.Pupils.Select(p => p.PupilId).First(), d.SchoolId))
                .ToListAsync(ct),
            async (db, ids, ct) =>
            {
                // Its items without a pupil go with it; its agenda and pupil line cascade.
                await db.ActionItems.Where(a => a.DiscussionId != null && ids.Contains(a.DiscussionId.Value)).ExecuteDeleteAsync(ct);
                return await db.Discussions.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(ct);
            }),
        // Of a classroom visit only the notes about the pupil: the visit itself is about the teacher's practice.
        new(RetentionKinds.VisitPupilNoteRecord,
            (db, ids, ct) => db.VisitPupilNotes.AsNoTracking().Where(n => ids.Contains(n.PupilId))
                .Select(n => new HeldRecord(RetentionKinds.VisitPupilNoteRecord, n.Id, n.PupilId, n.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.VisitPupilNotes.Where(n => ids.Contains(n.Id)).ExecuteDeleteAsync(ct)),
        // A teacher's support request about the pupil; visits and coaching goals that answered it stay, their link is cleared
        // (ON DELETE SET NULL).
        new(RetentionKinds.SupportRequestRecord,
            (db, ids, ct) => db.TeacherSupportRequests.AsNoTracking().Where(r => r.PupilId != null && ids.Contains(r.PupilId.Value))
                .Select(r => new HeldRecord(RetentionKinds.SupportRequestRecord, r.Id, r.PupilId!.Value, r.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.TeacherSupportRequests.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct)),
    ];
}

/// <summary>Referrals to the samenwerkingsverband, at the school that drafted them.</summary>
internal sealed class ReferralDataKind : RetentionDataKind
{
    public override string Code => RetentionKinds.ReferralData;

    public override int YearsAfterLeaving(RetentionOptions options) => options.ReferralDataYearsAfterLeaving;

    protected override IReadOnlyList<RecordSource> Sources { get; } =
    [
        new(RetentionKinds.ReferralRecord,
            (db, ids, ct) => db.PartnershipReferrals.AsNoTracking().Where(r => ids.Contains(r.PupilId))
                .Select(r => new HeldRecord(RetentionKinds.ReferralRecord, r.Id, r.PupilId, r.SchoolId)).ToListAsync(ct),
            (db, ids, ct) => db.PartnershipReferrals.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct)),
    ];
}
