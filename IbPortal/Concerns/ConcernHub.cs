using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace IbPortal.Concerns;

/// <summary>
/// Live concern events for clients outside Blazor (e.g. a desktop notifier). On connect, the connection joins the
/// groups of what its user may see: the schools they coordinate care for, the groups they teach, their own concerns.
/// Events carry ids; <see cref="GetConcern"/> returns a concern only if the domain allows it.
/// </summary>
[Authorize]
public sealed class ConcernHub(CurrentUser currentUser, ConcernFeed feed, ConcernService concerns, ILogger<ConcernHub> logger) : Hub
{
    public const string Path = "/hubs/concerns";
    public const string ConcernChangedMethod = "ConcernChanged";

    public static string SchoolGroup(int schoolId) => $"school:{schoolId}";
    public static string ClassGroup(int groupId) => $"group:{groupId}";
    public static string StaffGroup(int staffId) => $"staff:{staffId}";

    public override async Task OnConnectedAsync()
    {
        currentUser.Set(Context.User!);
        var scope = await feed.LoadScopeAsync(Context.ConnectionAborted);
        var groups = scope.CareSchoolIds.Select(SchoolGroup)
            .Concat(scope.TaughtGroupIds.Select(ClassGroup))
            .Append(StaffGroup(scope.StaffMemberId));
        foreach (var group in groups)
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        logger.LogInformation("Hub connection {ConnectionId} for staff {StaffMemberId} joined {SchoolCount} schools and {GroupCount} groups",
            Context.ConnectionId, scope.StaffMemberId, scope.CareSchoolIds.Count, scope.TaughtGroupIds.Count);
        await base.OnConnectedAsync();
    }

    /// <summary>The summary of one concern, or a refusal when the caller may not see it.</summary>
    public async Task<ConcernSummary> GetConcern(int concernId)
    {
        currentUser.Set(Context.User!);
        return await concerns.FindSummaryAsync(concernId, Context.ConnectionAborted)
               ?? throw new HubException("Je hebt geen toegang tot deze signalering.");
    }
}
