using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace IbPortal.Concerns;

/// <summary>
/// Live concern events for clients outside Blazor (e.g. a desktop notifier). On connect, the connection's access
/// scope is loaded once; <see cref="ConcernHubRelay"/> sends each event only to connections whose scope may see the
/// concern (the same rule as the domain's queries). Events carry ids; <see cref="GetConcern"/> returns a concern only
/// if the domain allows it; <see cref="RaiseConcern"/> is a teacher's quick flag, through the same domain service as
/// the Blazor form. Connections are authenticated by the sign-in cookie, so a connection opened from another origin
/// (a page elsewhere riding on that cookie) is refused before it can hear or do anything.
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
        // SignalR runs no hub method and sends no event before this returns; throwing closes the connection.
        if (IsCrossOrigin(Context.GetHttpContext()?.Request))
        {
            logger.LogWarning("Hub connection {ConnectionId} refused: cross-origin request", Context.ConnectionId);
            throw new HubException("Deze verbinding is geweigerd: ze komt niet van het portaal zelf.");
        }
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

    /// <summary>
    /// Raises a concern as the connection's user (a teacher's quick flag) and returns its id. The domain service
    /// authorizes, validates, audits and publishes exactly as for the Blazor form; a refusal or validation error comes
    /// back as a <see cref="HubException"/> with the domain's Dutch message.
    /// </summary>
    public async Task<int> RaiseConcern(NewConcern concern)
    {
        currentUser.Set(Context.User!);
        try
        {
            return await concerns.RaiseAsync(concern ?? new NewConcern(), Context.ConnectionAborted);
        }
        catch (DomainException ex)
        {
            throw new HubException(ex.Message);
        }
    }

    /// <summary>
    /// True when the request names an Origin that is not this app's own (scheme and host as the request reached it).
    /// Clients outside a browser send no Origin and pass; browsers always send one on WebSocket and cross-origin requests.
    /// </summary>
    internal static bool IsCrossOrigin(HttpRequest? request)
    {
        if (request is null || !request.Headers.TryGetValue("Origin", out var origins) || origins.Count == 0)
            return false;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return origins.Any(o => !string.Equals(o, own, StringComparison.OrdinalIgnoreCase));
    }
}
