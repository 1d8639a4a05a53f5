using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Pupils;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static IbPortal.Domain.Discussions.DiscussionAuditActions;

namespace IbPortal.Domain.Discussions;

/// <summary>
/// Action items agreed in a discussion: the IB'er records them (description, owner at the school, due date, optionally
/// a pupil of the discussion); the owner or the IB'er completes them; open items show on their owner's pages and
/// become overdue after their due date. Changes and refusals are audited; the lists are the user's own working views
/// and are not audited per pupil.
/// </summary>
public sealed class ActionItemService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<ActionItemService> logger)
{
    /// <summary>How far after the discussion (or today) a due date may lie.</summary>
    public const int MaxDaysAhead = 366;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Adds an action item to a discussion (IB'er of its school). Returns its id.</summary>
    public async Task<int> AddAsync(int discussionId, NewActionItem input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var staffId = await currentUser.RequireStaffMemberIdAsync(ActionCreate);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var discussion = await db.Discussions.AsNoTracking()
            .Where(d => d.Id == discussionId)
            .Select(d => new { d.Id, d.SchoolId, d.Status, d.ScheduledAt, Pupils = d.Pupils.Select(p => p.PupilId).ToList() })
            .SingleOrDefaultAsync(ct);
        if (discussion is null || !DiscussionAccess.MayManage(scope, discussion.SchoolId))
            throw await audit.RefuseAsync(staffId, ActionCreate, AuditRecordKind.Discussion, discussionId, ct);
        if (discussion.Status == DiscussionStatus.Cancelled)
            throw new DomainException("Deze bespreking is geannuleerd; er komen geen actiepunten meer bij.");

        var errors = new Dictionary<string, string>();
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is null)
            errors[nameof(NewActionItem.Description)] = "Beschrijf wat er moet gebeuren.";
        else if (description.Length > ActionItem.DescriptionMaxLength)
            errors[nameof(NewActionItem.Description)] =
                $"Een actiepunt mag hoogstens {ActionItem.DescriptionMaxLength} tekens lang zijn (nu {description.Length}). Maak de tekst korter; wat je typte blijft staan.";

        if (input.OwnerId is not { } ownerId)
            errors[nameof(NewActionItem.OwnerId)] = "Kies wie het actiepunt oppakt.";
        else if (!(await DiscussionService.OwnerOptionsAsync(db, discussion.SchoolId, ct)).Any(o => o.StaffMemberId == ownerId))
            errors[nameof(NewActionItem.OwnerId)] = "Kies iemand die op deze school werkt.";

        var discussionDate = DateOnly.FromDateTime(DiscussionTime.ToLocal(discussion.ScheduledAt, clock.LocalTimeZone));
        var earliest = discussionDate > today ? discussionDate : today;
        if (input.DueOn is not { } dueOn)
            errors[nameof(NewActionItem.DueOn)] = "Kies wanneer het actiepunt klaar moet zijn.";
        else if (dueOn < discussionDate)
            errors[nameof(NewActionItem.DueOn)] = $"Deze datum ligt vóór de bespreking. Kies {DiscussionLabels.ShortDate(discussionDate, today)} of later.";
        else if (dueOn < today)
            errors[nameof(NewActionItem.DueOn)] = "Deze datum is al voorbij. Kies vandaag of een latere dag.";
        else if (dueOn > earliest.AddDays(MaxDaysAhead))
            errors[nameof(NewActionItem.DueOn)] = "Kies een datum binnen een jaar.";

        if (input.PupilId is { } pupilId && !discussion.Pupils.Contains(pupilId))
            errors[nameof(NewActionItem.PupilId)] = "Kies een leerling van deze bespreking, of geen leerling.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var item = new ActionItem
        {
            SchoolId = discussion.SchoolId,
            DiscussionId = discussion.Id,
            PupilId = input.PupilId,
            Description = description!,
            OwnerId = input.OwnerId!.Value,
            DueOn = input.DueOn!.Value,
            CreatedAt = Now,
            CreatedById = staffId,
        };
        db.ActionItems.Add(item);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            audit.Add(db, new AuditRecord(staffId, ActionCreate, AuditRecordKind.ActionItem, item.Id,
                item.PupilId ?? (discussion.Pupils.Count == 1 ? discussion.Pupils[0] : null), item.SchoolId,
                DiscussionAccess.ActionItemRoleFor(scope, item.SchoolId)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Action item {ActionItemId} added to discussion {DiscussionId} for owner {OwnerId} due {DueOn} by staff {StaffMemberId}",
            item.Id, discussion.Id, item.OwnerId, item.DueOn, staffId);
        return item.Id;
    }

    /// <summary>Marks an open item done: its owner, or the IB'er of its school.</summary>
    public Task CompleteAsync(int actionItemId, CancellationToken ct = default) =>
        ChangeAsync(actionItemId, ActionComplete, (item, staffId) =>
        {
            if (!item.IsOpen)
                throw new DomainException("Dit actiepunt is al afgerond.");
            item.CompletedAt = Now;
            item.CompletedById = staffId;
        }, ct);

    /// <summary>Opens a completed item again (a tick by mistake): its owner, or the IB'er of its school.</summary>
    public Task ReopenAsync(int actionItemId, CancellationToken ct = default) =>
        ChangeAsync(actionItemId, ActionReopen, (item, _) =>
        {
            if (item.IsOpen)
                throw new DomainException("Dit actiepunt staat nog open.");
            item.CompletedAt = null;
            item.CompletedById = null;
        }, ct);

    /// <summary>The current user's open items: overdue first, then by due date.</summary>
    public async Task<IReadOnlyList<ActionItemView>> ListMineAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("actionitem.list-mine");
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        if (!scope.IsActive)
            return [];
        // Only items at schools where the owner still holds a role: leaving a school ends the reach of its items.
        var schools = scope.AllSchoolIds.ToList();
        var items = await ViewsAsync(db, db.ActionItems.Where(a => a.OwnerId == staffId && a.CompletedAt == null && schools.Contains(a.SchoolId)),
            scope, today, clock.LocalTimeZone, ct);
        return Order(items);
    }

    /// <summary>
    /// Open items at the IB'er's care schools (all owners), overdue first, then by due date; <paramref name="schoolIds"/>
    /// narrows to some of them. Empty for anyone who is no IB'er.
    /// </summary>
    public async Task<IReadOnlyList<ActionItemView>> ListOpenAtMySchoolsAsync(IReadOnlyCollection<int>? schoolIds = null, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("actionitem.list-schools");
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var care = scope.CareSchoolIds.Where(id => schoolIds is null || schoolIds.Contains(id)).ToList();
        if (care.Count == 0)
            return [];
        var items = await ViewsAsync(db, db.ActionItems.Where(a => care.Contains(a.SchoolId) && a.CompletedAt == null), scope, today,
            clock.LocalTimeZone, ct);
        return Order(items);
    }

    private static List<ActionItemView> Order(IEnumerable<ActionItemView> items) =>
        items.OrderByDescending(i => i.IsOverdue).ThenBy(i => i.DueOn).ThenBy(i => i.Id).ToList();

    private async Task ChangeAsync(int actionItemId, string action, Action<ActionItem, int> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == actionItemId, ct);
        if (item is null || !DiscussionAccess.MayComplete(scope, item.OwnerId, item.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.ActionItem, actionItemId, ct);

        apply(item, staffId);
        int? pupilId = item.PupilId;
        if (pupilId is null && item.DiscussionId is { } discussionId)
        {
            var pupils = await db.DiscussionPupils.AsNoTracking().Where(p => p.DiscussionId == discussionId).Select(p => p.PupilId).Take(2).ToListAsync(ct);
            pupilId = pupils.Count == 1 ? pupils[0] : null;
        }
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.ActionItem, item.Id, pupilId, item.SchoolId,
            DiscussionAccess.ActionItemRoleFor(scope, item.SchoolId)));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Action item {ActionItemId} changed ({Action}) by staff {StaffMemberId}", item.Id, action, staffId);
    }

    /// <summary>Projects action items for display, with what this user may do with each.</summary>
    internal static async Task<IReadOnlyList<ActionItemView>> ViewsAsync(PortalDbContext db, IQueryable<ActionItem> items, UserScope scope,
        DateOnly today, TimeZoneInfo zone, CancellationToken ct)
    {
        var rows = await items.AsNoTracking()
            .Select(a => new
            {
                a.Id,
                a.Description,
                a.OwnerId,
                OwnerName = a.Owner!.DisplayName,
                a.DueOn,
                a.CompletedAt,
                CompletedByName = db.StaffMembers.Where(s => s.Id == a.CompletedById).Select(s => s.DisplayName).FirstOrDefault(),
                a.PupilId,
                PupilFirst = a.Pupil == null ? null : a.Pupil.FirstName,
                PupilInfix = a.Pupil == null ? null : a.Pupil.Infix,
                PupilLast = a.Pupil == null ? null : a.Pupil.LastName,
                a.DiscussionId,
                DiscussionKind = a.Discussion == null ? (DiscussionKind?)null : a.Discussion.Kind,
                ScheduledAt = a.Discussion == null ? (DateTime?)null : a.Discussion.ScheduledAt,
                GroupId = a.Discussion == null ? (int?)null : a.Discussion.GroupId,
                GroupName = a.Discussion == null ? null : a.Discussion.Group!.Name,
                a.SchoolId,
                a.School!.ShortName,
                a.School.Color,
            })
            .ToListAsync(ct);
        return rows.Select(r => new ActionItemView(
                r.Id,
                r.Description,
                r.OwnerId,
                r.OwnerName,
                r.DueOn,
                r.CompletedAt is null && r.DueOn < today,
                r.CompletedAt,
                r.CompletedByName,
                r.PupilId,
                r.PupilFirst is null ? null : Pupil.FullNameOf(r.PupilFirst, r.PupilInfix, r.PupilLast!),
                r.DiscussionId,
                r.DiscussionKind,
                r.ScheduledAt is { } at ? DateOnly.FromDateTime(DiscussionTime.ToLocal(at, zone)) : null,
                r.GroupName,
                r.SchoolId,
                r.ShortName,
                r.Color,
                DiscussionAccess.MayComplete(scope, r.OwnerId, r.SchoolId),
                r.DiscussionId is not null && DiscussionAccess.MayRead(scope, r.SchoolId, r.GroupId!.Value)))
            .ToList();
    }
}
