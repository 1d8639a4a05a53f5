using IbPortal.Hosting.KillBench;
using IbPortal.Hosting.LiveBench;

namespace IbPortal.Tests.LiveBenchTests;

/// <summary>The kill harness's own logic: options, the check of a database against what was sent and confirmed, the summary.</summary>
public sealed class KillBenchLogicTests
{
    private static readonly CityPlan.Teacher Anna = new("anna", 1, [10, 11, 12]);
    private static readonly CityPlan.Teacher Bert = new("bert", 2, [20, 21]);

    [Fact]
    public void Options_have_the_issue_defaults_and_read_what_is_given()
    {
        var defaults = KillBenchOptions.Parse(["bench-kill"]);
        var given = KillBenchOptions.Parse(["bench-kill", "--kills", "10", "--teachers", "5", "--seed", "42", "--max-kill-ms", "900", "--json", "k.json", "--keep"]);

        Assert.Equal((100, 20, 50, 400, null), (defaults.Kills, defaults.Teachers, defaults.MinKillMs, defaults.MaxKillMs, defaults.Seed));
        Assert.Null(defaults.Problem());
        Assert.Equal((10, 5, 42, 900, "k.json", true), (given.Kills, given.Teachers, given.Seed, given.MaxKillMs, given.Json, given.Keep));
        Assert.Equal(50, given.CityOptions.Schools);
    }

    [Fact]
    public void Options_refuse_what_cannot_run()
    {
        Assert.NotNull(KillBenchOptions.Parse(["bench-kill", "--kills", "0"]).Problem());
        Assert.NotNull(KillBenchOptions.Parse(["bench-kill", "--min-kill-ms", "500", "--max-kill-ms", "100"]).Problem());
        Assert.Throws<FormatException>(() => KillBenchOptions.Parse(["bench-kill", "--kills", "many"]));
    }

    [Fact]
    public void A_fresh_teacher_client_flags_its_pupils_in_turn_from_the_second()
    {
        Assert.Equal([11, 12, 10, 11], Enumerable.Range(1, 4).Select(n => KillLedger.PupilOfCall(Anna, n)));
    }

    [Fact]
    public void A_round_whose_confirmed_concerns_are_all_stored_whole_passes_and_counts_the_in_flight_calls()
    {
        var ledger = new KillLedger();
        KillLedger.Call[] calls = [new("anna", 11, 101), new("anna", 12, null), new("bert", 21, 102), new("bert", 20, null)];
        KillLedger.StoredConcern[] stored = [new(101, "anna", 11, 1, 1), new(102, "bert", 21, 1, 1), new(103, "anna", 12, 1, 1)];

        var check = ledger.AddRoundAndCheck(calls, stored, roundStartId: 100);

        Assert.Empty(check.Violations);
        Assert.Equal((1, 1, 103), (check.InFlightSaved, check.InFlightNotSaved, check.MaxStoredId));
        Assert.Equal(2, ledger.ConfirmedTotal);
    }

    [Fact]
    public void A_lost_confirmed_concern_is_a_violation_in_every_later_round()
    {
        var ledger = new KillLedger();
        ledger.AddRoundAndCheck([new("anna", 11, 101)], [new(101, "anna", 11, 1, 1)], 100);

        var later = ledger.AddRoundAndCheck([new("bert", 21, 102)], [new(102, "bert", 21, 1, 1)], 101);

        Assert.Contains(later.Violations, v => v.Contains("101", StringComparison.Ordinal) && v.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_concern_stored_twice_or_by_nobody_or_without_its_history_or_audit_is_a_violation()
    {
        var ledger = new KillLedger();
        KillLedger.Call[] calls = [new("anna", 11, 101)];
        KillLedger.StoredConcern[] stored =
        [
            new(101, "anna", 11, 1, 0),      // confirmed, but without its audit entry
            new(102, "anna", 11, 1, 1),      // a second one for a pupil flagged once
            new(103, "carla", 30, 1, 1),     // nobody of the run sent it
            new(104, "bert", 21, 0, 1),      // (and bert sent nothing either)
        ];

        var check = ledger.AddRoundAndCheck(calls, stored, 100);

        Assert.Contains(check.Violations, v => v.Contains("101 has 0 'concern.raise' audit entries", StringComparison.Ordinal));
        Assert.Contains(check.Violations, v => v.Contains("2 concerns are stored by anna for pupil 11, who sent 1", StringComparison.Ordinal));
        Assert.Contains(check.Violations, v => v.Contains("by carla for pupil 30, who sent 0", StringComparison.Ordinal));
        Assert.Contains(check.Violations, v => v.Contains("unconfirmed concern 104 is stored with 0 history", StringComparison.Ordinal));
    }

    [Fact]
    public void A_confirmed_id_stored_for_another_pupil_is_a_violation()
    {
        var check = new KillLedger().AddRoundAndCheck([new("bert", 20, 101), new("bert", 21, null)], [new(101, "bert", 21, 1, 1)], 100);

        Assert.Contains(check.Violations, v => v.Contains("not as sent by bert, pupil 20", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_adds_the_rounds_and_takes_median_p95_and_max_of_the_restarts()
    {
        KillRound[] rounds =
        [
            new(1, 3.0, 100, 10, 8, 5, 0, 1, 1, "ok", 0, []),
            new(2, 1.5, 200, 12, 9, 5, 1, 0, 2, "ok", 0, ["confirmed concern 7 is missing"]),
        ];
        var restarts = Enumerable.Range(1, 20).Select(i => i / 10.0).Reverse().ToList();

        var summary = KillBenchSummary.Of(rounds, 3.0, restarts, 60, "test machine", 7);

        Assert.Equal((2, 2, 22, 17, 1, 3, 1, 1), (summary.Rounds, summary.Kills, summary.Sent, summary.ConfirmedTotal,
            summary.InFlightSaved, summary.InFlightNotSaved, summary.FailedBeforeKill, summary.Violations));
        Assert.Equal(7, summary.ConfirmedInBursts);
        Assert.Equal(1.05, summary.RestartMedianSeconds, 10);
        Assert.Equal(1.9, summary.RestartP95Seconds, 10);   // nearest rank ⌈0.95·20⌉ = 19
        Assert.Equal(2.0, summary.RestartMaxSeconds, 10);
        Assert.Contains(summary.Lines(), l => l.Contains("| violations | 1 |", StringComparison.Ordinal));
    }
}
