using IbPortal.Domain.Audit;

namespace IbPortal.Domain.Support;

public enum SupportTimelineKind
{
    LevelChanged = 1,
    PlanStarted = 2,
    GoalEvaluated = 3,
    PlanClosed = 4,
    DevelopmentPlanMade = 5,
    DevelopmentPlanAgreed = 6,
    DevelopmentPlanEvaluated = 7,
    DevelopmentPlanEnded = 8,
}

/// <summary>
/// One dated step of the support trajectory, for the pupil file's timeline. <see cref="Day"/> is the date the step
/// concerns (in the schools' time zone); <see cref="At"/> the moment it was recorded, where known. The record is named
/// by <see cref="RecordKind"/> and <see cref="RecordId"/> (for an evaluation: its plan).
/// </summary>
public sealed record SupportTimelineEntry(
    SupportTimelineKind Kind,
    DateOnly Day,
    DateTime? At,
    int SchoolId,
    AuditRecordKind RecordKind,
    int RecordId,
    string Title,
    string? Text,
    string? By);

/// <summary>The steps of a <see cref="SupportOverview"/> in date order, newest first, with Dutch titles.</summary>
public static class SupportTimeline
{
    public static IReadOnlyList<SupportTimelineEntry> From(SupportOverview overview, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(clock);
        DateOnly LocalDay(DateTime utc) =>
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone));

        var entries = new List<SupportTimelineEntry>();
        foreach (var school in overview.Schools)
        {
            var s = school.SchoolId;
            foreach (var change in school.LevelHistory)
            {
                var title = change.PreviousLevel is { } from
                    ? $"Ondersteuningsniveau {from} → {change.Level}"
                    : $"Ondersteuningsniveau {change.Level}";
                entries.Add(new(SupportTimelineKind.LevelChanged, LocalDay(change.ChangedAt), change.ChangedAt, s, AuditRecordKind.SupportLevel,
                    change.Id, $"{title}: {SupportLabels.LevelName(change.Level)}", change.Reason, change.ChangedByName));
            }

            foreach (var plan in school.ClosedPlans.Prepend(school.ActivePlan).OfType<SupportPlanView>())
            {
                entries.Add(new(SupportTimelineKind.PlanStarted, plan.StartsOn, plan.CreatedAt, s, AuditRecordKind.SupportPlan, plan.Id,
                    "Ondersteuningsplan gestart",
                    $"{plan.QuickWins.Count} quick win(s), {plan.LongTermGoals.Count} doel(en) voor de langere termijn", plan.CreatedByName));
                foreach (var goal in plan.QuickWins.Concat(plan.LongTermGoals))
                {
                    foreach (var evaluation in goal.Evaluations)
                    {
                        var text = string.IsNullOrEmpty(evaluation.Notes) ? goal.Description : $"{goal.Description}\n{evaluation.Notes}";
                        entries.Add(new(SupportTimelineKind.GoalEvaluated, evaluation.EvaluatedOn, evaluation.RecordedAt, s, AuditRecordKind.SupportPlan,
                            plan.Id, $"{goal.Kind.Label()} geëvalueerd: {evaluation.Result.Label().ToLowerInvariant()}", text, evaluation.EvaluatedByName));
                    }
                }
                if (plan.ClosedOn is { } closed)
                    entries.Add(new(SupportTimelineKind.PlanClosed, closed, null, s, AuditRecordKind.SupportPlan, plan.Id,
                        "Ondersteuningsplan afgesloten", plan.ClosingNote, null));
            }

            foreach (var opp in school.EndedDevelopmentPlans.Prepend(school.ActiveDevelopmentPlan).OfType<DevelopmentPlanView>())
            {
                entries.Add(new(SupportTimelineKind.DevelopmentPlanMade, LocalDay(opp.CreatedAt), opp.CreatedAt, s, AuditRecordKind.DevelopmentPlan, opp.Id,
                    $"OPP gemaakt ({opp.Reason.Label().ToLowerInvariant()})", opp.Perspective, opp.CreatedByName));
                if (opp.AgreedWithParentsOn is { } agreed)
                    entries.Add(new(SupportTimelineKind.DevelopmentPlanAgreed, agreed, null, s, AuditRecordKind.DevelopmentPlan, opp.Id,
                        "Ouders stemden in met het OPP", null, null));
                foreach (var evaluation in opp.Evaluations)
                    entries.Add(new(SupportTimelineKind.DevelopmentPlanEvaluated, evaluation.EvaluatedOn, evaluation.RecordedAt, s,
                        AuditRecordKind.DevelopmentPlan, opp.Id, "OPP geëvalueerd", evaluation.Notes, evaluation.EvaluatedByName));
                if (opp.EndedOn is { } ended)
                    entries.Add(new(SupportTimelineKind.DevelopmentPlanEnded, ended, null, s, AuditRecordKind.DevelopmentPlan, opp.Id,
                        "OPP beëindigd", null, null));
            }
        }
        return entries
            .OrderByDescending(e => e.Day)
            .ThenByDescending(e => e.At ?? DateTime.MaxValue) // a close or agreement without a moment comes after what was recorded that day
            .ThenByDescending(e => e.Kind)
            .ToList();
    }
}
