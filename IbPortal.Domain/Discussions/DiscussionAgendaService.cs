using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static IbPortal.Domain.Discussions.DiscussionAuditActions;

namespace IbPortal.Domain.Discussions;

/// <summary>
/// Editing a discussion's agenda after it was scheduled: the IB'er adds, edits, removes, reorders and ticks off
/// items; the discussion's teachers add items while it is planned (they prepare it). Agenda edits are per item and do
/// not touch the discussion's version, so a teacher adding an item never clashes with the IB'er writing notes.
/// Each change is audited (naming the item's pupil, or the only pupil of the discussion).
/// </summary>
public sealed class DiscussionAgendaService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<DiscussionAgendaService> logger)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Adds an item at the end. Returns its id.</summary>
    public async Task<int> AddItemAsync(int discussionId, string? text, int? pupilId = null, CancellationToken ct = default)
    {
        var value = RequireText(text);
        AgendaItem? added = null;
        await ChangeAsync(discussionId, AgendaAdd, teacherMayDoThis: true, (discussion, _) =>
        {
            if (pupilId is { } p && discussion.Pupils.All(x => x.PupilId != p))
                throw new DomainValidationException("PupilId", "Kies een leerling van deze bespreking, of geen leerling.");
            added = new AgendaItem
            {
                Text = value,
                Source = AgendaSource.Manual,
                PupilId = pupilId,
                Position = discussion.Agenda.Count == 0 ? 1 : discussion.Agenda.Max(a => a.Position) + 1,
            };
            discussion.Agenda.Add(added);
            return added;
        }, ct);
        return added!.Id;
    }

    public async Task UpdateItemAsync(int discussionId, int itemId, string? text, CancellationToken ct = default)
    {
        var value = RequireText(text);
        await ChangeAsync(discussionId, AgendaEdit, teacherMayDoThis: false, (discussion, _) =>
        {
            var item = Find(discussion, itemId);
            item.Text = value;
            return item;
        }, ct);
    }

    public Task RemoveItemAsync(int discussionId, int itemId, CancellationToken ct = default) =>
        ChangeAsync(discussionId, AgendaRemove, teacherMayDoThis: false, (discussion, db) =>
        {
            var item = Find(discussion, itemId);
            discussion.Agenda.Remove(item);
            db.AgendaItems.Remove(item);
            Renumber(discussion.Agenda.Where(a => a != item).OrderBy(a => a.Position).ThenBy(a => a.Id));
            return item;
        }, ct);

    /// <summary>Moves an item up (<paramref name="offset"/> -1) or down (+1); at either end nothing changes.</summary>
    public Task MoveItemAsync(int discussionId, int itemId, int offset, CancellationToken ct = default) =>
        ChangeAsync(discussionId, AgendaMove, teacherMayDoThis: false, (discussion, _) =>
        {
            var item = Find(discussion, itemId);
            var ordered = discussion.Agenda.OrderBy(a => a.Position).ThenBy(a => a.Id).ToList();
            var from = ordered.IndexOf(item);
            var to = Math.Clamp(from + Math.Sign(offset), 0, ordered.Count - 1);
            if (to == from)
                return null;
            ordered.RemoveAt(from);
            ordered.Insert(to, item);
            Renumber(ordered);
            return item;
        }, ct);

    public Task SetItemDoneAsync(int discussionId, int itemId, bool done, CancellationToken ct = default) =>
        ChangeAsync(discussionId, AgendaDone, teacherMayDoThis: false, (discussion, _) =>
        {
            var item = Find(discussion, itemId);
            if (item.IsDone == done)
                return null;
            item.IsDone = done;
            return item;
        }, ct);

    /// <summary>Numbers the items 1, 2, 3… in the order given.</summary>
    private static void Renumber(IEnumerable<AgendaItem> items)
    {
        var position = 1;
        foreach (var item in items.ToList())
            item.Position = position++;
    }

    private static AgendaItem Find(Discussion discussion, int itemId) =>
        discussion.Agenda.SingleOrDefault(a => a.Id == itemId)
        ?? throw new DomainException("Dit agendapunt bestaat niet meer. Vernieuw de pagina om de nieuwste agenda te zien.");

    private static string RequireText(string? text)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings(" ");
        if (value is null)
            throw new DomainValidationException("Text", "Schrijf wat er besproken moet worden.");
        if (value.Length > AgendaItem.TextMaxLength)
            throw new DomainValidationException("Text",
                $"Een agendapunt mag hoogstens {AgendaItem.TextMaxLength} tekens lang zijn (nu {value.Length}). Maak de tekst korter; wat je typte blijft staan.");
        return value;
    }

    /// <summary>
    /// Loads the discussion with its agenda and pupils, checks the right (manage; or read as a teacher while planned
    /// when <paramref name="teacherMayDoThis"/>), applies the change (which returns the item concerned, or null for no
    /// change) and audits it in the same SaveChanges.
    /// </summary>
    private async Task ChangeAsync(int discussionId, string action, bool teacherMayDoThis,
        Func<Discussion, PortalDbContext, AgendaItem?> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var discussion = await db.Discussions
            .Include(d => d.Agenda)
            .Include(d => d.Pupils)
            .SingleOrDefaultAsync(d => d.Id == discussionId, ct);
        if (discussion is null)
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Discussion, discussionId, ct);
        var manages = DiscussionAccess.MayManage(scope, discussion.SchoolId);
        var asTeacher = !manages && DiscussionAccess.ReadsAsTeacher(scope, discussion.GroupId);
        if (!manages && !(teacherMayDoThis && asTeacher))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Discussion, discussionId, ct);
        if (discussion.Status == DiscussionStatus.Cancelled)
            throw new DomainException("Deze bespreking is geannuleerd; de agenda ligt vast.");
        if (asTeacher && discussion.Status != DiscussionStatus.Planned)
            throw new DomainException("Deze bespreking is al gehouden. Wil je nog iets bespreken? Vraag de intern begeleider.");

        var item = apply(discussion, db);
        if (item is null)
            return;
        var pupilId = item.PupilId ?? (discussion.Pupils.Count == 1 ? discussion.Pupils[0].PupilId : null);
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.Discussion, discussion.Id, pupilId, discussion.SchoolId,
            DiscussionAccess.RoleFor(scope, discussion.SchoolId)));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Agenda of discussion {DiscussionId} changed ({Action}) on item {AgendaItemId} by staff {StaffMemberId}",
            discussion.Id, action, item.Id, staffId);
    }
}
