using System.Globalization;
using IbPortal.Hosting.LiveBench;

namespace IbPortal.Hosting.KillBench;

/// <summary>
/// What the teachers sent and what the hub confirmed, over all rounds, and the check of a database against it: every
/// confirmed concern is stored (by its teacher, for its pupil, with one history entry and one audit entry), and for each
/// (teacher, pupil) no more concerns are stored than were sent, so nothing is stored twice or that nobody sent.
/// </summary>
public sealed class KillLedger
{
    private readonly Dictionary<(string Login, int PupilId), int> _attempts = [];
    private readonly Dictionary<int, Call> _confirmed = [];

    /// <summary>One RaiseConcern call: who, for which pupil, and the id the hub returned (null: no answer before the kill).</summary>
    public sealed record Call(string Login, int PupilId, int? ConfirmedId);

    /// <summary>A concern as the database holds it (one newer than the city's own).</summary>
    public sealed record StoredConcern(int Id, string AuthorLogin, int PupilId, int HistoryEntries, int AuditEntries);

    /// <summary>The outcome of checking one round.</summary>
    public sealed record RoundCheck(IReadOnlyList<string> Violations, int InFlightSaved, int InFlightNotSaved, int MaxStoredId);

    public int ConfirmedTotal => _confirmed.Count;

    /// <summary>
    /// The pupil of a fresh <see cref="TeacherClient"/>'s <paramref name="call"/>-th RaiseNextAsync (1-based) when its calls
    /// are made one after another: it flags <c>PupilIds[call % count]</c>.
    /// </summary>
    public static int PupilOfCall(CityPlan.Teacher teacher, int call)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        return teacher.PupilIds[call % teacher.PupilIds.Count];
    }

    /// <summary>
    /// Adds a round's calls and checks <paramref name="stored"/> (every concern with an id above the city's own) against all
    /// rounds so far. <paramref name="roundStartId"/> is the highest stored id before the round: a newer concern that was
    /// not confirmed is an in-flight call that was saved.
    /// </summary>
    public RoundCheck AddRoundAndCheck(IReadOnlyCollection<Call> calls, IReadOnlyList<StoredConcern> stored, int roundStartId)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(stored);
        var violations = new List<string>();
        foreach (var call in calls)
        {
            _attempts[(call.Login, call.PupilId)] = _attempts.GetValueOrDefault((call.Login, call.PupilId)) + 1;
            if (call.ConfirmedId is not { } id)
                continue;
            if (!_confirmed.TryAdd(id, call))
                violations.Add(Fmt($"the hub confirmed id {id} twice ({_confirmed[id].Login} and {call.Login})"));
        }

        var byId = new Dictionary<int, StoredConcern>();
        foreach (var concern in stored)
        {
            if (!byId.TryAdd(concern.Id, concern))
                violations.Add(Fmt($"concern {concern.Id} is stored twice"));
        }
        foreach (var (id, call) in _confirmed)
        {
            if (!byId.TryGetValue(id, out var concern))
            {
                violations.Add(Fmt($"confirmed concern {id} ({call.Login}, pupil {call.PupilId}) is missing"));
                continue;
            }
            if (concern.AuthorLogin != call.Login || concern.PupilId != call.PupilId)
                violations.Add(Fmt($"confirmed concern {id} is stored for {concern.AuthorLogin}, pupil {concern.PupilId}, not as sent by {call.Login}, pupil {call.PupilId}"));
            if (concern.HistoryEntries != 1)
                violations.Add(Fmt($"confirmed concern {id} has {concern.HistoryEntries} history entries, not 1"));
            if (concern.AuditEntries != 1)
                violations.Add(Fmt($"confirmed concern {id} has {concern.AuditEntries} 'concern.raise' audit entries, not 1"));
        }
        foreach (var concern in stored.Where(c => !_confirmed.ContainsKey(c.Id) && (c.HistoryEntries != 1 || c.AuditEntries != 1)))
        {
            // A saved call is saved whole: the concern, its history entry and its audit entry commit together.
            violations.Add(Fmt($"unconfirmed concern {concern.Id} is stored with {concern.HistoryEntries} history and {concern.AuditEntries} audit entries, not 1 and 1"));
        }
        foreach (var group in stored.GroupBy(c => (c.AuthorLogin, c.PupilId)))
        {
            var sent = _attempts.GetValueOrDefault(group.Key);
            if (group.Count() > sent)
                violations.Add(Fmt($"{group.Count()} concerns are stored by {group.Key.AuthorLogin} for pupil {group.Key.PupilId}, who sent {sent}"));
        }

        var unconfirmed = calls.Count(c => c.ConfirmedId is null);
        var saved = stored.Count(c => c.Id > roundStartId && !_confirmed.ContainsKey(c.Id));
        return new RoundCheck(violations, saved, Math.Max(0, unconfirmed - saved), stored.Count == 0 ? roundStartId : Math.Max(roundStartId, stored.Max(c => c.Id)));
    }

    private static string Fmt(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
