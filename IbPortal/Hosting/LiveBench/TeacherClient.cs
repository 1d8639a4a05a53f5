using IbPortal.Concerns;
using IbPortal.Domain.Concerns;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace IbPortal.Hosting.LiveBench;

/// <summary>A teacher's quick-flag client: a cookie-authenticated connection to `/hubs/concerns` that calls RaiseConcern.</summary>
public sealed class TeacherClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private int _next;

    private TeacherClient(HubConnection hub, CityPlan.Teacher teacher)
    {
        _hub = hub;
        Teacher = teacher;
    }

    public CityPlan.Teacher Teacher { get; }

    public static async Task<TeacherClient> ConnectAsync(Uri node, string cookie, CityPlan.Teacher teacher, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node, ConcernHub.Path.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(2);
        var client = new TeacherClient(hub, teacher);
        try
        {
            await hub.StartAsync(ct);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Flags the next of the teacher's pupils; returns the new concern's id.</summary>
    public Task<int> RaiseNextAsync(CancellationToken ct)
    {
        var pupils = Teacher.PupilIds;
        var pupil = pupils[Interlocked.Increment(ref _next) % pupils.Count];
        return _hub.InvokeAsync<int>(nameof(ConcernHub.RaiseConcern), new NewConcern
        {
            PupilId = pupil,
            Area = DevelopmentArea.Cognitive,
            Observation = "Loadtest: leest nog spellend en haakt af bij lange teksten.",
            Urgency = Urgency.Normal,
        }, ct);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
