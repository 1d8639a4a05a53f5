using System.Globalization;
using System.Text;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Partnership;

/// <summary>
/// Gathers what the school already recorded into proposals for a referral's summary parts, at one school. Read-only;
/// the caller authorizes and audits. Only the texts that belong in a referral: never a concern's observation.
/// </summary>
internal static class ReferralProposalBuilder
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Closed concerns count as recent for this long.</summary>
    public static readonly TimeSpan RecentConcerns = TimeSpan.FromDays(365);

    public static async Task<ReferralProposal> BuildAsync(PortalDbContext db, int pupilId, int schoolId, DateOnly today, DateTime now, TimeZoneInfo zone,
        CancellationToken ct)
    {
        var recentSince = now - RecentConcerns;
        var concerns = await db.Concerns.AsNoTracking()
            .Where(c => c.PupilId == pupilId && c.SchoolId == schoolId && c.AlreadyTried != null &&
                        (c.Status != ConcernStatus.Closed || c.RaisedAt >= recentSince || c.ClosedAt >= recentSince))
            .OrderBy(c => c.RaisedAt).ThenBy(c => c.Id)
            .Select(c => new { c.RaisedAt, c.AlreadyTried })
            .ToListAsync(ct);

        var plan = await db.SupportPlans.AsNoTracking()
            .Where(p => p.PupilId == pupilId && p.SchoolId == schoolId && p.Status == SupportPlanStatus.Active)
            .OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.Id)
            .Select(p => new { p.Id, p.EducationalNeeds })
            .FirstOrDefaultAsync(ct);
        var goals = plan is null
            ? []
            : await db.PlanGoals.AsNoTracking()
                .Where(g => g.PlanId == plan.Id)
                .Select(g => new { g.Id, g.Kind, g.Position, g.Description })
                .ToListAsync(ct);
        var goalIds = goals.Select(g => g.Id).ToList();
        var evaluations = await db.GoalEvaluations.AsNoTracking()
            .Where(e => goalIds.Contains(e.GoalId))
            .Select(e => new { e.Id, e.GoalId, e.Result, e.EvaluatedOn })
            .ToListAsync(ct);
        var latest = evaluations
            .GroupBy(e => e.GoalId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.EvaluatedOn).ThenByDescending(e => e.Id).First());

        var conversation = (await db.ParentConversations.AsNoTracking()
                .Where(c => c.PupilId == pupilId && c.SchoolId == schoolId && c.HeldOn <= today &&
                            (c.ParentExpectations != null || c.AgreedGoals != null))
                .Select(c => new { c.Id, c.HeldOn, c.ParentExpectations, c.AgreedGoals })
                .ToListAsync(ct))
            .Where(c => !string.IsNullOrWhiteSpace(c.ParentExpectations) || !string.IsNullOrWhiteSpace(c.AgreedGoals))
            .OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.Id)
            .FirstOrDefault();

        // What was tried and its effect: the teacher's attempts from the concerns, then the plan's goals and how they went.
        var tried = new StringBuilder();
        var attempts = concerns.Where(c => !string.IsNullOrWhiteSpace(c.AlreadyTried)).ToList();
        if (attempts.Count > 0)
        {
            tried.AppendLine("Wat de leerkracht al probeerde (uit de signaleringen):");
            foreach (var c in attempts)
                tried.AppendLine(CultureInfo.InvariantCulture, $"- {c.AlreadyTried!.Trim()} (signalering van {Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(c.RaisedAt, zone)))})");
        }
        if (goals.Count > 0)
        {
            if (tried.Length > 0)
                tried.AppendLine();
            tried.AppendLine("Doelen uit het plan en hun effect:");
            foreach (var g in goals.OrderBy(g => g.Kind == GoalKind.QuickWin ? 0 : 1).ThenBy(g => g.Position).ThenBy(g => g.Id))
            {
                var effect = latest.TryGetValue(g.Id, out var e)
                    ? $"{ResultLabel(e.Result)} ({Day(e.EvaluatedOn)})"
                    : "nog niet geëvalueerd";
                tried.AppendLine(CultureInfo.InvariantCulture, $"- {GoalLabel(g.Kind)}: {g.Description.Trim()} — {effect}");
            }
        }

        var parents = new StringBuilder();
        if (conversation is not null)
        {
            if (!string.IsNullOrWhiteSpace(conversation.ParentExpectations))
                parents.AppendLine(CultureInfo.InvariantCulture,
                    $"Verwachtingen van de ouders (oudergesprek van {Day(conversation.HeldOn)}): {conversation.ParentExpectations.Trim()}");
            if (!string.IsNullOrWhiteSpace(conversation.AgreedGoals))
                parents.AppendLine(CultureInfo.InvariantCulture,
                    $"Afgesproken met de ouders{(string.IsNullOrWhiteSpace(conversation.ParentExpectations) ? $" (oudergesprek van {Day(conversation.HeldOn)})" : "")}: {conversation.AgreedGoals.Trim()}");
        }

        return new ReferralProposal(pupilId, schoolId, Fit(tried.ToString()), Fit(plan?.EducationalNeeds), Fit(parents.ToString()));
    }

    public static string GoalLabel(GoalKind kind) => kind switch
    {
        GoalKind.QuickWin => "Quick win",
        GoalKind.LongTerm => "Langetermijndoel",
        _ => kind.ToString(),
    };

    public static string ResultLabel(EvaluationResult result) => result switch
    {
        EvaluationResult.Achieved => "behaald",
        EvaluationResult.PartlyAchieved => "deels behaald",
        EvaluationResult.NotAchieved => "niet behaald",
        _ => result.ToString(),
    };

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);

    /// <summary>Trimmed, null when empty, and never longer than a referral's text may be (cut at a line end where possible).</summary>
    internal static string? Fit(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var trimmed = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        const int max = PartnershipReferral.TextMaxLength;
        if (trimmed.Length <= max)
            return trimmed;
        var cut = trimmed[..(max - 1)];
        var lineEnd = cut.LastIndexOf('\n');
        return (lineEnd > max / 2 ? cut[..lineEnd].TrimEnd() : cut.TrimEnd()) + "…";
    }
}
