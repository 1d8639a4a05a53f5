using System.Globalization;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Care;

/// <summary>The kinds of entries in a pupil's file, for filtering.</summary>
public enum TimelineKind
{
    Concern = 1,
    Discussion = 2,
    PlanStep = 3,
    Evaluation = 4,
    ParentConversation = 5,
    Consent = 6,
    ExternalExpert = 7,
    Referral = 8,

    /// <summary>A note about the pupil made during a classroom visit.</summary>
    ClassroomVisit = 9,

    /// <summary>A teacher's support request about the pupil.</summary>
    SupportRequest = 10,
}

/// <summary>
/// One dated entry in the pupil file. <see cref="At"/> is UTC; entries recorded as a day only (a conversation's date,
/// a consent's decision) have <see cref="HasTime"/> false and sort at noon of that day.
/// </summary>
public sealed record TimelineEntry(
    TimelineKind Kind,
    DateTime At,
    bool HasTime,
    int SchoolId,
    int RecordId,
    string Title,
    string? Detail,
    string? Actor,
    string? Link,
    bool IsPlanned = false);

/// <summary>
/// Everything in a pupil's care, in date order: concerns, discussions, plan steps (levels, plans, OPP), evaluations,
/// parent conversations, consents, external experts' reports and referrals, at the schools the caller may see.
/// Authorization is the caller's: it passes the schools whose records the user reaches for this pupil.
/// </summary>
public static class PupilTimeline
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    internal static async Task<IReadOnlyList<TimelineEntry>> BuildAsync(PortalDbContext db, int pupilId, IReadOnlyCollection<int> schoolIds,
        DateOnly today, ConsentPurposes purposes, CancellationToken ct)
    {
        var schools = schoolIds.ToList();
        var entries = new List<TimelineEntry>();

        var concerns = await db.Concerns.AsNoTracking()
            .Where(c => c.PupilId == pupilId && schools.Contains(c.SchoolId))
            .Select(c => new { c.Id, c.SchoolId, c.Area, c.Observation, c.RaisedAt, c.Status, Author = c.Author!.DisplayName })
            .ToListAsync(ct);
        entries.AddRange(concerns.Select(c => new TimelineEntry(TimelineKind.Concern, c.RaisedAt, true, c.SchoolId, c.Id,
            $"Signalering {c.Area.Label().ToLower(Dutch)} · {c.Status.Label().ToLower(Dutch)}", c.Observation, c.Author, $"/signaleringen/{c.Id}")));

        var discussions = await db.DiscussionPupils.AsNoTracking()
            .Where(p => p.PupilId == pupilId && schools.Contains(p.Discussion!.SchoolId))
            .Select(p => new
            {
                p.DiscussionId, p.Discussion!.SchoolId, p.Discussion.Kind, p.Discussion.Status, p.Discussion.ScheduledAt,
                // The discussion's own notes and decisions are about this pupil only when the pupil is its only pupil; in a
                // group or multi-pupil discussion they concern others too, so the file (and the inzage) shows the pupil's line.
                OnlyPupil = p.Discussion.Kind == DiscussionKind.PupilDiscussion && p.Discussion.Pupils.Count == 1,
                p.Discussion.Decisions, DiscussionNotes = p.Discussion.Notes,
                Group = p.Discussion.Group!.Name, Teacher = p.Discussion.Teacher!.DisplayName, p.EducationalNeeds, p.StimulatingFactors,
                p.HinderingFactors, p.Notes,
            })
            .ToListAsync(ct);
        entries.AddRange(discussions.Select(d => new TimelineEntry(TimelineKind.Discussion, d.ScheduledAt, true, d.SchoolId, d.DiscussionId,
            $"{(d.Kind == DiscussionKind.GroupDiscussion ? "Groepsbespreking" : "Leerlingbespreking")} groep {d.Group}{DiscussionStatusSuffix(d.Status)}",
            Join(d.OnlyPupil ? Labelled("Besluiten", d.Decisions) : null, d.OnlyPupil ? Labelled("Verslag", d.DiscussionNotes) : null,
                Labelled("Onderwijsbehoeften", d.EducationalNeeds),
                Labelled("Stimulerend", d.StimulatingFactors), Labelled("Belemmerend", d.HinderingFactors), Labelled("Notities", d.Notes)),
            $"met {d.Teacher}", $"/besprekingen/{d.DiscussionId}", IsPlanned: d.Status == DiscussionStatus.Planned)));

        var actions = await db.ActionItems.AsNoTracking()
            .Where(a => a.PupilId == pupilId && schools.Contains(a.SchoolId))
            .Select(a => new { a.Id, a.SchoolId, a.DiscussionId, a.Description, a.DueOn, a.CompletedAt, a.CreatedAt, Owner = a.Owner!.DisplayName })
            .ToListAsync(ct);
        entries.AddRange(actions.Select(a => new TimelineEntry(TimelineKind.Discussion, a.CreatedAt, true, a.SchoolId, a.Id,
            a.CompletedAt is null ? (a.DueOn < today ? "Actiepunt · te laat" : "Actiepunt") : "Actiepunt · afgerond",
            $"{a.Description}\nWie: {a.Owner} · uiterlijk {Day(a.DueOn)}", a.Owner,
            a.DiscussionId is { } d ? $"/besprekingen/{d}" : null, IsPlanned: a.CompletedAt is null)));

        var levels = await db.SupportLevelChanges.AsNoTracking()
            .Where(l => l.PupilId == pupilId && schools.Contains(l.SchoolId))
            .Select(l => new { l.Id, l.SchoolId, l.Level, l.PreviousLevel, l.Reason, l.ChangedAt, By = l.ChangedBy!.DisplayName })
            .ToListAsync(ct);
        entries.AddRange(levels.Select(l => new TimelineEntry(TimelineKind.PlanStep, l.ChangedAt, true, l.SchoolId, l.Id,
            $"Ondersteuningsniveau {l.PreviousLevel ?? 1} → {l.Level}", l.Reason, l.By, null)));

        var plans = await db.SupportPlans.AsNoTracking()
            .Where(p => p.PupilId == pupilId && schools.Contains(p.SchoolId))
            .Select(p => new
            {
                p.Id, p.SchoolId, p.CreatedAt, p.Status, p.ClosedOn, p.ClosingNote, p.EducationalNeeds, By = p.CreatedBy!.DisplayName,
                Goals = p.Goals.OrderBy(g => g.Position).Select(g => new { g.Kind, g.Description, g.ReviewOn }).ToList(),
            })
            .ToListAsync(ct);
        foreach (var p in plans)
        {
            var quickWins = p.Goals.Where(g => g.Kind == GoalKind.QuickWin).Select(g => g.Description);
            var goals = p.Goals.Where(g => g.Kind == GoalKind.LongTerm)
                .Select(g => g.ReviewOn is { } r ? $"{g.Description} (evaluatie {Day(r)})" : g.Description);
            entries.Add(new TimelineEntry(TimelineKind.PlanStep, p.CreatedAt, true, p.SchoolId, p.Id, "HGW-plan opgesteld",
                Join(Labelled("Quick wins", string.Join("; ", quickWins)), Labelled("Doelen", string.Join("; ", goals)),
                    Labelled("Onderwijsbehoeften", p.EducationalNeeds)), p.By, "?tab=ondersteuning"));
            if (p.Status == SupportPlanStatus.Closed && p.ClosedOn is { } closedOn)
                entries.Add(new TimelineEntry(TimelineKind.PlanStep, Noon(closedOn), false, p.SchoolId, p.Id, "HGW-plan afgesloten",
                    p.ClosingNote, null, "?tab=ondersteuning"));
        }

        var evaluations = await db.GoalEvaluations.AsNoTracking()
            .Where(e => e.Goal!.Plan!.PupilId == pupilId && schools.Contains(e.Goal.Plan.SchoolId))
            .Select(e => new { e.Id, e.Goal!.Plan!.SchoolId, e.Result, e.EvaluatedOn, e.Notes, Goal = e.Goal.Description, By = e.EvaluatedBy!.DisplayName })
            .ToListAsync(ct);
        entries.AddRange(evaluations.Select(e => new TimelineEntry(TimelineKind.Evaluation, Noon(e.EvaluatedOn), false, e.SchoolId, e.Id,
            $"Evaluatie: {ResultLabel(e.Result)}", Join(e.Goal, e.Notes), e.By, "?tab=ondersteuning")));

        var opps = await db.DevelopmentPlans.AsNoTracking()
            .Where(o => o.PupilId == pupilId && schools.Contains(o.SchoolId))
            .Select(o => new
            {
                o.Id, o.SchoolId, o.CreatedAt, o.Perspective, o.AgreedWithParentsOn, o.EndedOn, o.NextEvaluationOn, By = o.CreatedBy!.DisplayName,
                Evaluations = o.Evaluations.Select(e => new { e.Id, e.EvaluatedOn, e.Notes, By = e.EvaluatedBy!.DisplayName }).ToList(),
            })
            .ToListAsync(ct);
        foreach (var o in opps)
        {
            entries.Add(new TimelineEntry(TimelineKind.PlanStep, o.CreatedAt, true, o.SchoolId, o.Id, "OPP opgesteld", o.Perspective, o.By, "?tab=ondersteuning"));
            if (o.AgreedWithParentsOn is { } agreed)
                entries.Add(new TimelineEntry(TimelineKind.PlanStep, Noon(agreed), false, o.SchoolId, o.Id, "OPP afgesproken met de ouders",
                    o.NextEvaluationOn is { } next ? $"Jaarlijkse evaluatie uiterlijk {Day(next)}." : null, null, "?tab=ondersteuning"));
            entries.AddRange(o.Evaluations.Select(e => new TimelineEntry(TimelineKind.Evaluation, Noon(e.EvaluatedOn), false, o.SchoolId, e.Id,
                "OPP jaarlijks geëvalueerd", e.Notes, e.By, "?tab=ondersteuning")));
            if (o.EndedOn is { } ended)
                entries.Add(new TimelineEntry(TimelineKind.PlanStep, Noon(ended), false, o.SchoolId, o.Id, "OPP beëindigd", null, null, "?tab=ondersteuning"));
        }

        var conversations = await db.ParentConversations.AsNoTracking()
            .Where(c => c.PupilId == pupilId && schools.Contains(c.SchoolId))
            .Select(c => new
            {
                c.Id, c.SchoolId, c.HeldOn, c.ParentExpectations, c.SchoolExpectations, c.Discussed, c.AgreedGoals, c.NextOn,
                Goals = c.LinkedGoals.Select(g => g.Goal!.Description).ToList(),
            })
            .ToListAsync(ct);
        entries.AddRange(conversations.Select(c =>
        {
            var planned = c.HeldOn > today || (c.Discussed is null && c.AgreedGoals is null);
            return new TimelineEntry(TimelineKind.ParentConversation, Noon(c.HeldOn), false, c.SchoolId, c.Id,
                planned ? "Oudergesprek gepland" : "Oudergesprek",
                Join(Labelled("Verwachtingen ouders", c.ParentExpectations), Labelled("Verwachtingen school", c.SchoolExpectations),
                    Labelled("Besproken", c.Discussed), Labelled("Afgesproken", Join([c.AgreedGoals, .. c.Goals])),
                    c.NextOn is { } next ? $"Volgend gesprek: {Day(next)}." : null),
                null, "?tab=ouders", IsPlanned: planned);
        }));

        var consents = await db.Consents.AsNoTracking()
            .Where(c => c.PupilId == pupilId && schools.Contains(c.SchoolId))
            .Select(c => new
            {
                c.Id, c.SchoolId, c.Purpose, c.State, c.RequestedAt, c.DecidedOn, c.Method, c.ExpiresOn, c.WithdrawnOn, c.Note,
                Guardian = c.Guardian == null ? null : c.Guardian.Name, Relationship = c.Guardian == null ? null : c.Guardian.Relationship,
            })
            .ToListAsync(ct);
        foreach (var c in consents)
        {
            var purpose = purposes.NameOf(c.Purpose);
            entries.Add(new TimelineEntry(TimelineKind.Consent, c.RequestedAt, true, c.SchoolId, c.Id, $"Toestemming gevraagd: {purpose}",
                c.State == ConsentState.Requested ? c.Note : null, null, "?tab=toestemming"));
            if (c.DecidedOn is { } decided && c.State is ConsentState.Given or ConsentState.Refused or ConsentState.Withdrawn)
            {
                var wasGiven = c.State != ConsentState.Refused;
                var who = c.Guardian is null ? null : $"door {c.Guardian}{(c.Relationship is null ? "" : $" ({c.Relationship})")}";
                var how = c.Method is { } m ? MethodLabel(m) : null;
                var expiry = wasGiven && c.ExpiresOn is { } e ? $"geldig tot en met {Day(e)}" : null;
                entries.Add(new TimelineEntry(TimelineKind.Consent, Noon(decided), false, c.SchoolId, c.Id,
                    $"Toestemming {(wasGiven ? "gegeven" : "geweigerd")}: {purpose}",
                    Join(string.Join(", ", new[] { who, how, expiry }.Where(x => x is not null)), c.State == ConsentState.Refused ? c.Note : null),
                    null, "?tab=toestemming"));
            }
            if (c.State == ConsentState.Withdrawn && c.WithdrawnOn is { } withdrawn)
                entries.Add(new TimelineEntry(TimelineKind.Consent, Noon(withdrawn), false, c.SchoolId, c.Id, $"Toestemming ingetrokken: {purpose}",
                    c.Note, null, "?tab=toestemming"));
        }

        var reports = await db.ExternalExpertReports.AsNoTracking()
            .Where(r => r.PupilId == pupilId && schools.Contains(r.SchoolId))
            .Select(r => new { r.Id, r.SchoolId, r.Kind, r.ExpertName, r.ExpertRole, r.TookPlaceOn, r.Findings })
            .ToListAsync(ct);
        entries.AddRange(reports.Select(r => new TimelineEntry(TimelineKind.ExternalExpert, Noon(r.TookPlaceOn), false, r.SchoolId, r.Id,
            r.Kind == ExternalExpertReportKind.Assessment ? "Onderzoek door een externe deskundige" : "Observatie door een externe deskundige",
            r.Findings, r.ExpertRole is null ? r.ExpertName : $"{r.ExpertName}, {r.ExpertRole}", "?tab=toestemming")));

        var referrals = await db.PartnershipReferrals.AsNoTracking()
            .Where(r => r.PupilId == pupilId && schools.Contains(r.SchoolId))
            .Select(r => new { r.Id, r.SchoolId, r.Kind, r.Status, r.CreatedAt, r.SubmittedOn, r.DecidedOn, r.Outcome, r.OutcomeNote, r.SupportQuestion })
            .ToListAsync(ct);
        foreach (var r in referrals)
        {
            var kind = ReferralKindLabel(r.Kind);
            entries.Add(new TimelineEntry(TimelineKind.Referral, r.CreatedAt, true, r.SchoolId, r.Id,
                $"{kind}: {(r.Status == ReferralStatus.Withdrawn ? "ingetrokken" : "opgesteld")}", r.SupportQuestion, null, "?tab=swv"));
            if (r.SubmittedOn is { } submitted)
                entries.Add(new TimelineEntry(TimelineKind.Referral, Noon(submitted), false, r.SchoolId, r.Id,
                    $"{kind}: ingediend bij het samenwerkingsverband", null, null, "?tab=swv"));
            if (r.DecidedOn is { } decided && r.Outcome is { } outcome)
                entries.Add(new TimelineEntry(TimelineKind.Referral, Noon(decided), false, r.SchoolId, r.Id,
                    $"{kind}: {OutcomeLabel(outcome)}", r.OutcomeNote, null, "?tab=swv"));
        }

        var visitNotes = await db.VisitPupilNotes.AsNoTracking()
            .Where(n => n.PupilId == pupilId && schools.Contains(n.SchoolId))
            .Select(n => new
            {
                n.Id, n.SchoolId, n.Note, n.Visit!.ScheduledAt, Cancelled = n.Visit.Status == VisitStatus.Cancelled, Group = n.Visit.Group!.Name,
                Coordinator = n.Visit.Coordinator!.DisplayName,
            })
            .ToListAsync(ct);
        // No link: the visit itself is about the teacher's practice, which only the IB'er and that teacher read.
        entries.AddRange(visitNotes.Select(n => new TimelineEntry(TimelineKind.ClassroomVisit, n.ScheduledAt, true, n.SchoolId, n.Id,
            $"Klassenbezoek groep {n.Group}{(n.Cancelled ? " · bezoek geannuleerd" : "")}", n.Note, n.Coordinator, null)));

        var requests = await db.TeacherSupportRequests.AsNoTracking()
            .Where(r => r.PupilId == pupilId && schools.Contains(r.SchoolId))
            .Select(r => new { r.Id, r.SchoolId, r.CreatedAt, r.Question, r.Response, r.Status, r.ClosedById, r.TeacherId, Teacher = r.Teacher!.DisplayName })
            .ToListAsync(ct);
        entries.AddRange(requests.Select(r => new TimelineEntry(TimelineKind.SupportRequest, r.CreatedAt, true, r.SchoolId, r.Id,
            $"Hulpvraag van de leerkracht{RequestSuffix(r.Status, r.ClosedById, r.TeacherId, r.Response)}",
            Join(r.Question, Labelled("Antwoord", r.Response)), r.Teacher, null)));

        return entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Kind).ThenByDescending(e => e.RecordId).ToList();
    }

    public static string KindLabel(TimelineKind kind) => kind switch
    {
        TimelineKind.Concern => "Signaleringen",
        TimelineKind.Discussion => "Besprekingen",
        TimelineKind.PlanStep => "Plan en niveau",
        TimelineKind.Evaluation => "Evaluaties",
        TimelineKind.ParentConversation => "Oudergesprekken",
        TimelineKind.Consent => "Toestemming",
        TimelineKind.ExternalExpert => "Externe deskundige",
        TimelineKind.Referral => "Samenwerkingsverband",
        TimelineKind.ClassroomVisit => "Klassenbezoeken",
        TimelineKind.SupportRequest => "Hulpvragen",
        _ => kind.ToString(),
    };

    private static string RequestSuffix(SupportRequestStatus status, int? closedById, int teacherId, string? response) =>
        TeacherSupportRequest.IsWithdrawn(status, closedById, teacherId, response) ? " · ingetrokken"
        : status == SupportRequestStatus.Closed ? " · afgesloten"
        : "";

    private static DateTime Noon(DateOnly day) => day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);

    private static string Day(DateOnly day) => DutchDates.OnScreen(day);

    private static string? Labelled(string label, string? text) => string.IsNullOrWhiteSpace(text) ? null : $"{label}: {text}";

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? null : string.Join("\n", present);
    }

    private static string DiscussionStatusSuffix(DiscussionStatus status) => status switch
    {
        DiscussionStatus.Planned => " · gepland",
        DiscussionStatus.Cancelled => " · geannuleerd",
        _ => "",
    };

    private static string ResultLabel(EvaluationResult result) => result switch
    {
        EvaluationResult.Achieved => "behaald",
        EvaluationResult.PartlyAchieved => "deels behaald",
        EvaluationResult.NotAchieved => "niet behaald",
        _ => result.ToString(),
    };

    private static string MethodLabel(ConsentMethod method) => method switch
    {
        ConsentMethod.SignedForm => "ondertekend formulier",
        ConsentMethod.InConversation => "in een gesprek",
        ConsentMethod.Email => "per e-mail",
        _ => method.ToString(),
    };

    private static string ReferralKindLabel(ReferralKind kind) => kind switch
    {
        ReferralKind.Consultation => "Consultatie Passend Onderwijs",
        ReferralKind.ArrangementRequest => "Aanvraag arrangement",
        ReferralKind.AdmissionStatementRequest => "Aanvraag toelaatbaarheidsverklaring",
        _ => kind.ToString(),
    };

    private static string OutcomeLabel(ReferralOutcome outcome) => outcome switch
    {
        ReferralOutcome.Granted => "toegekend",
        ReferralOutcome.Rejected => "afgewezen",
        ReferralOutcome.AdviceGiven => "advies gegeven",
        _ => outcome.ToString(),
    };
}
