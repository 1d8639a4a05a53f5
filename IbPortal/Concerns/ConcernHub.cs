using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace IbPortal.Concerns;

/// <summary>
/// Live concern events for clients outside Blazor (e.g. a desktop notifier). On connect, the connection's access
/// scope is loaded once; <see cref="ConcernHubRelay"/> sends each event only to connections whose scope may see the
/// concern (the same rule as the domain's queries). Events carry ids; <see cref="GetConcern"/> returns a concern only
/// if the domain allows it.
/// </summary>
[Authorize]
public sealed class ConcernHub(
    CurrentUser currentUser,
    ConcernFeed feed,
    ConcernService concerns,
    ConcernHubConnections connections,
    ILogger<ConcernHub> logger) : Hub
{
    public const string Path = "/hubs/concerns";
    public const string ConcernChangedMethod = "ConcernChanged";

    public override async Task OnConnectedAsync()
    {
        currentUser.Set(Context.User!);
        var scope = await feed.LoadScopeAsync(Context.ConnectionAborted);
        connections.Add(Context.ConnectionId, scope);
        logger.LogInformation("Hub connection {ConnectionId} for staff {StaffMemberId} opened ({SchoolCount} care schools, {GroupCount} groups)",
            Context.ConnectionId, scope.StaffMemberId, scope.CareSchoolIds.Count, scope.TaughtGroupIds.Count);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The summary of one concern, or a refusal when the caller may not see it.</summary>
    public async Task<ConcernSummary> GetConcern(int concernId)
    {
        currentUser.Set(Context.User!);
        return await concerns.ReadSummaryAsync(concernId, Context.ConnectionAborted)
               ?? throw new HubException("Je hebt geen toegang tot deze signalering.");
    }
}
