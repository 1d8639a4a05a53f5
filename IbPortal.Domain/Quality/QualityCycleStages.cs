namespace IbPortal.Domain.Quality;

/// <summary>Where a goal stands in plan-do-check-act, worked out from its actions, checks and adjustments.</summary>
public static class QualityCycleStages
{
    /// <summary>
    /// Closed when the goal has a final status; Plan without any (not cancelled) action or check; Act when the last
    /// check has no adjustment at or after it; Do while an action is open; Check when every action is done or cancelled.
    /// </summary>
    public static QualityCycleStage Of(
        QualityGoalStatus status,
        IEnumerable<QualityActionStatus> actions,
        DateTime? lastCheckAt,
        int? lastCheckId,
        IEnumerable<(int? CheckId, DateTime RecordedAt)> adjustments)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(adjustments);
        if (status != QualityGoalStatus.Active)
            return QualityCycleStage.Closed;
        var list = actions.ToList();
        if (list.All(a => a == QualityActionStatus.Cancelled) && lastCheckAt is null)
            return QualityCycleStage.Plan;
        if (lastCheckAt is { } checkedAt && !adjustments.Any(a => a.CheckId == lastCheckId || a.RecordedAt >= checkedAt))
            return QualityCycleStage.Act;
        return list.Any(a => a == QualityActionStatus.Planned) ? QualityCycleStage.Do : QualityCycleStage.Check;
    }

    /// <summary>Done, open (planned, overdue included), overdue (planned and due before today) and cancelled actions.</summary>
    public static QualityActionCounts Count(IEnumerable<(QualityActionStatus Status, DateOnly DueOn)> actions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        return new QualityActionCounts(
            list.Count(a => a.Status == QualityActionStatus.Done),
            list.Count(a => a.Status == QualityActionStatus.Planned),
            list.Count(a => IsOverdue(a.Status, a.DueOn, today)),
            list.Count(a => a.Status == QualityActionStatus.Cancelled));
    }

    public static bool IsOverdue(QualityActionStatus status, DateOnly dueOn, DateOnly today) =>
        status == QualityActionStatus.Planned && dueOn < today;
}
