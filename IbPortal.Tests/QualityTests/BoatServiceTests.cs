using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Events;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.QualityTests;

public sealed class BoatServiceTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly BoatWorld _w;

    public BoatServiceTests() => _w = new BoatWorld(_db);

    public void Dispose() => _db.Dispose();

    /// <summary>A group of 24 with 8 pupils with an open concern and 6 new concerns: raised for both reasons.</summary>
    private async Task<(int Group, int Signal)> BusyGroupAsync(int? schoolId = null)
    {
        var group = _w.NewGroup(schoolId, pupils: 24);
        _w.OpenConcerns(group, 8);
        _w.NewConcerns(group, 6);
        var result = await _w.EvaluateAsync(group);
        Assert.Equal(BoatSignalEvaluationOutcome.Raised, result.Outcome);
        return (group, result.SignalId!.Value);
    }

    [Fact]
    public async Task IB_er_sees_the_signal_with_its_reasons_in_words_its_figures_and_the_group_now()
    {
        var (group, id) = await BusyGroupAsync();
        _w.OpenConcerns(group, 10); // two more pupils since it was raised

        var signal = Assert.Single(await _w.Service(Logins.CareCoordinator).ListAsync(), s => s.Id == id);

        Assert.Equal((group, _w.SchoolA, Logins.SchoolA, _w.TeacherAId), (signal.GroupId, signal.SchoolId, signal.SchoolShortName, signal.TeacherId));
        Assert.Equal(["8 van 24 leerlingen hebben een open signalering (33%)", "6 nieuwe signaleringen in 4 weken"], signal.ReasonTexts);
        Assert.Equal(BoatSignalResponses.GroupDiscussion | BoatSignalResponses.ClassroomVisit, signal.Proposed);
        Assert.Equal("8", signal.AtRaise.PupilsWithOpenConcerns.Display);
        Assert.Equal("10", signal.Now.PupilsWithOpenConcerns.Display);
        Assert.True(signal.CanManage);
        Assert.True(signal.IsOpen);
        Assert.Equal("Voorstel: een groepsbespreking en een klassenbezoek", BoatSignalTexts.Proposal(signal.Proposed));
    }

    [Fact]
    public async Task Quality_coordinator_reads_with_small_counts_suppressed_and_without_the_note_and_cannot_manage()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 5);
        _w.HighSupport(group, 3);
        var id = (await _w.EvaluateAsync(group)).SignalId!.Value;

        var ib = Assert.Single(await _w.Service(Logins.CareCoordinator).ListAsync(), s => s.Id == id);
        var qc = Assert.Single(await _w.Service(Logins.Quality).ListAsync(), s => s.Id == id);

        Assert.Equal(["5 van 20 leerlingen hebben een open signalering (25%)"], ib.ReasonTexts);
        Assert.Equal(ib.ReasonTexts, qc.ReasonTexts); // a reached threshold has 5 pupils or more behind it: nothing to hide
        Assert.Equal((BoatSignalReasons.OpenConcernShare, BoatSignalResponses.GroupDiscussion), (qc.Reasons, qc.Proposed));
        Assert.Equal(("5", "20", "<5", "0"), (qc.AtRaise.PupilsWithOpenConcerns.Display, qc.AtRaise.Pupils.Display,
            qc.AtRaise.PupilsAtHighSupportLevel.Display, qc.AtRaise.NewConcerns.Display));
        Assert.Equal("3", ib.AtRaise.PupilsAtHighSupportLevel.Display);
        Assert.False(qc.CanManage);

        var dismissed = _w.AddSignal(_w.NewGroup(pupils: 20), BoatSignalStatus.Dismissed, TimeSpan.FromDays(2));
        var withClosedQc = await _w.Service(Logins.Quality).ListAsync(includeClosed: true);
        Assert.Null(Assert.Single(withClosedQc, s => s.Id == dismissed).Note);
        var withClosedIb = await _w.Service(Logins.CareCoordinator).ListAsync(includeClosed: true);
        Assert.Equal("Boot: rustig.", Assert.Single(withClosedIb, s => s.Id == dismissed).Note);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _w.Service(Logins.Quality).DismissAsync(id, "Niet nodig.", 0));
        Assert.Equal(1, _w.AuditCount(Logins.Quality, BoatSignalAuditActions.Dismiss, AuditOutcome.Refused));
        Assert.Equal(BoatSignalStatus.Open, _w.Signal(id).Status);
    }

    [Fact]
    public async Task School_leader_reads_the_signals_of_their_school_only()
    {
        var (_, atA) = await BusyGroupAsync(_w.SchoolA);
        var (_, atB) = await BusyGroupAsync(_w.SchoolB);
        var leader = _w.Service(Logins.SchoolLeaderA);

        var list = await leader.ListAsync();

        Assert.Contains(list, s => s.Id == atA);
        Assert.DoesNotContain(list, s => s.Id == atB);
        Assert.All(list, s => Assert.False(s.CanManage));
        await Assert.ThrowsAsync<AccessDeniedException>(() => leader.ListAsync([_w.SchoolB]));
        Assert.Equal(1, _w.AuditCount(Logins.SchoolLeaderA, BoatSignalAuditActions.List, AuditOutcome.Refused));
        await Assert.ThrowsAsync<AccessDeniedException>(() => leader.ActAsync(atA, BoatSignalResponses.GroupDiscussion, null, 0));
        Assert.Equal(1, _w.AuditCount(Logins.SchoolLeaderA, BoatSignalAuditActions.Act, AuditOutcome.Refused));
    }

    [Fact]
    public async Task Teacher_is_refused_every_boat_operation_and_each_refusal_is_audited()
    {
        var (_, id) = await BusyGroupAsync();
        var teacher = _w.Service(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.GetDensitiesAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.ActAsync(id, BoatSignalResponses.ClassroomVisit, null, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.DismissAsync(id, "Geen zorgen.", 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.SubscribeAsync(_ => Task.CompletedTask));

        foreach (var action in new[] { BoatSignalAuditActions.List, BoatSignalAuditActions.Densities, BoatSignalAuditActions.Act,
                     BoatSignalAuditActions.Dismiss, BoatSignalAuditActions.Subscribe })
            Assert.Equal(1, _w.AuditCount(Logins.TeacherA, action, AuditOutcome.Refused));
        Assert.Equal(BoatSignalStatus.Open, _w.Signal(id).Status);
    }

    [Fact]
    public async Task Acting_records_the_response_closes_the_signal_audits_and_publishes()
    {
        var (group, id) = await BusyGroupAsync();
        _db.Events.Published.Clear();

        await _w.Service(Logins.CareCoordinator).ActAsync(id, BoatSignalResponses.GroupDiscussion, "  Groepsbespreking na de vakantie.  ", 0);

        var signal = _w.Signal(id);
        Assert.Equal((BoatSignalStatus.Acted, BoatSignalResponses.GroupDiscussion, "Groepsbespreking na de vakantie.", _w.CoordinatorId, _w.Now, 1),
            (signal.Status, signal.Response, signal.Note, signal.ClosedById, signal.ClosedAt, signal.Version));
        using (var ctx = _db.CreateContext())
        {
            var entry = Assert.Single(ctx.AuditEntries, a => a.Action == BoatSignalAuditActions.Act && a.RecordId == id);
            Assert.Equal((AuditRecordKind.BoatSignal, _w.SchoolA, AuditOutcome.Allowed), (entry.RecordKind, entry.SchoolId, entry.Outcome));
        }
        var published = Assert.Single(_db.Events.Published.OfType<BoatSignalChanged>());
        Assert.Equal((id, group, BoatSignalChange.Acted), (published.SignalId, published.GroupId, published.Change));
        Assert.DoesNotContain(await _w.Service(Logins.CareCoordinator).ListAsync(), s => s.Id == id);
        Assert.Contains(await _w.Service(Logins.CareCoordinator).ListAsync(includeClosed: true), s => s.Id == id && s.Status == BoatSignalStatus.Acted);
    }

    [Fact]
    public async Task Acting_needs_a_response_and_nothing_is_saved_without_one()
    {
        var (_, id) = await BusyGroupAsync();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _w.Service(Logins.CareCoordinator).ActAsync(id, BoatSignalResponses.None, "Notitie", 0));

        Assert.Contains("groepsbespreking", error.Errors["Response"], StringComparison.Ordinal);
        Assert.Equal((BoatSignalStatus.Open, 0), (_w.Signal(id).Status, _w.Signal(id).Version));
    }

    [Fact]
    public async Task Dismissing_needs_a_reason_and_keeps_it()
    {
        var (group, id) = await BusyGroupAsync();
        var service = _w.Service(Logins.CareCoordinator);
        _db.Events.Published.Clear();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => service.DismissAsync(id, "   ", 0));
        Assert.Equal("Schrijf kort waarom je dit bootsignaal afwijst.", error.Errors["Reason"]);
        Assert.Equal(BoatSignalStatus.Open, _w.Signal(id).Status);
        Assert.Empty(_db.Events.Published);

        await service.DismissAsync(id, "Twee leerlingen zijn net verhuisd; de groep is rustig.", 0);

        var signal = _w.Signal(id);
        Assert.Equal((BoatSignalStatus.Dismissed, "Twee leerlingen zijn net verhuisd; de groep is rustig.", 1), (signal.Status, signal.Note, signal.Version));
        Assert.Equal(1, _w.AuditCount(Logins.CareCoordinator, BoatSignalAuditActions.Dismiss, AuditOutcome.Allowed));
        var published = Assert.Single(_db.Events.Published.OfType<BoatSignalChanged>());
        Assert.Equal((group, BoatSignalChange.Dismissed), (published.GroupId, published.Change));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var (_, id) = await BusyGroupAsync();
        var service = _w.Service(Logins.CareCoordinator);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.DismissAsync(id, "Rustig.", 3));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.ActAsync(id, BoatSignalResponses.ClassroomVisit, null, 1));
        Assert.Equal((BoatSignalStatus.Open, 0), (_w.Signal(id).Status, _w.Signal(id).Version));

        await service.ActAsync(id, BoatSignalResponses.ClassroomVisit, null, 0);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.DismissAsync(id, "Te laat.", 0)); // the other tab's version
        await Assert.ThrowsAsync<DomainException>(() => service.DismissAsync(id, "Al gedaan.", 1));
        Assert.Equal(BoatSignalStatus.Acted, _w.Signal(id).Status);
    }

    [Fact]
    public async Task Closed_signals_show_only_when_asked_and_only_recently_closed()
    {
        var group = _w.NewGroup(pupils: 20);
        var recent = _w.AddSignal(group, BoatSignalStatus.Dismissed, TimeSpan.FromDays(29));
        var old = _w.AddSignal(group, BoatSignalStatus.Acted, TimeSpan.FromDays(31));
        var service = _w.Service(Logins.CareCoordinator);

        Assert.DoesNotContain(await service.ListAsync(), s => s.GroupId == group);
        var withClosed = await service.ListAsync(includeClosed: true);
        Assert.Contains(withClosed, s => s.Id == recent);
        Assert.DoesNotContain(withClosed, s => s.Id == old);
    }

    [Fact]
    public async Task Densities_show_every_current_group_with_the_thresholds_it_reaches()
    {
        var busy = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(busy, 5);
        _w.HighSupport(busy, 3);
        var quiet = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(quiet, 2);
        var small = _w.NewGroup(pupils: 6);
        _w.OpenConcerns(small, 6);
        var signal = (await _w.EvaluateAsync(busy)).SignalId;

        var ib = await _w.Service(Logins.CareCoordinator).GetDensitiesAsync([_w.SchoolA]);
        var qc = await _w.Service(Logins.Quality).GetDensitiesAsync([_w.SchoolA]);

        Assert.Equal(new BoatSignalThresholds(8, 25, 5, 4, 3, 20, 14), ib.Thresholds);
        Assert.All(ib.Groups, g => Assert.Equal(_w.SchoolA, g.SchoolId));
        var b = Assert.Single(ib.Groups, g => g.GroupId == busy);
        Assert.Equal(("5", 25, "3", 15, signal), (b.PupilsWithOpenConcerns.Display, b.OpenConcernPercent, b.PupilsAtHighSupportLevel.Display, b.HighSupportPercent, b.OpenSignalId));
        Assert.Equal((true, false, false, false), (b.OpenConcernShareReached, b.NewConcernsReached, b.HighSupportShareReached, b.BelowMinimumPupils));
        var q = Assert.Single(ib.Groups, g => g.GroupId == quiet);
        Assert.Equal((BoatSignalReasons.None, null), (q.Reached, q.OpenSignalId));
        var s = Assert.Single(ib.Groups, g => g.GroupId == small);
        Assert.True(s.BelowMinimumPupils);
        Assert.Equal(BoatSignalReasons.None, s.Reached);

        var bq = Assert.Single(qc.Groups, g => g.GroupId == busy);
        Assert.Equal(("5", "<5", null), (bq.PupilsWithOpenConcerns.Display, bq.PupilsAtHighSupportLevel.Display, bq.HighSupportPercent));
        Assert.Equal(BoatSignalReasons.OpenConcernShare, bq.Reached);
        Assert.Contains(ib.Groups, g => g.GroupName == "5"); // the demo groups of the current year are there too
    }

    [Fact]
    public async Task A_share_of_four_pupils_reaches_no_threshold_so_the_quality_coordinator_can_infer_no_count()
    {
        // 4 of 20 at level 3+ is exactly 20%, but fewer than 5 pupils: no threshold. "<5 · bereikt" (or "haalt een
        // drempel" next to other figures below theirs) would have told the quality coordinator it is exactly 4.
        var four = _w.NewGroup(pupils: 20);
        _w.HighSupport(four, 4);
        var five = _w.NewGroup(pupils: 25);
        _w.HighSupport(five, 5);
        var fourResult = await _w.EvaluateAsync(four);
        var fiveId = (await _w.EvaluateAsync(five)).SignalId!.Value;

        var ib = (await _w.Service(Logins.CareCoordinator).GetDensitiesAsync([_w.SchoolA])).Groups;
        var qc = (await _w.Service(Logins.Quality).GetDensitiesAsync([_w.SchoolA])).Groups;
        var qcSignals = await _w.Service(Logins.Quality).ListAsync([_w.SchoolA]);

        Assert.Equal(BoatSignalEvaluationOutcome.BelowThresholds, fourResult.Outcome);
        Assert.Empty(_w.SignalsOf(four));
        Assert.Equal((BoatSignalReasons.None, "4"), (ib.Single(g => g.GroupId == four).Reached, ib.Single(g => g.GroupId == four).PupilsAtHighSupportLevel.Display));
        Assert.Equal((BoatSignalReasons.None, "<5"), (qc.Single(g => g.GroupId == four).Reached, qc.Single(g => g.GroupId == four).PupilsAtHighSupportLevel.Display));
        // Every threshold the quality coordinator sees as reached comes with a figure of 5 or more.
        var reached = qc.Where(g => g.Reached != BoatSignalReasons.None).ToList();
        Assert.Contains(reached, g => g.GroupId == five);
        Assert.All(reached, g =>
        {
            Assert.True(!g.OpenConcernShareReached || !g.PupilsWithOpenConcerns.Suppressed);
            Assert.True(!g.NewConcernsReached || !g.NewConcerns.Suppressed);
            Assert.True(!g.HighSupportShareReached || !g.PupilsAtHighSupportLevel.Suppressed);
        });
        var signal = Assert.Single(qcSignals, s => s.Id == fiveId);
        Assert.Equal(["5 van 25 leerlingen hebben ondersteuningsniveau 3 of hoger (20%)"], signal.ReasonTexts);
        Assert.Equal((BoatSignalReasons.HighSupportShare, BoatSignalResponses.GroupDiscussion), (signal.Reasons, signal.Proposed));
    }

    [Fact]
    public async Task New_concerns_about_fewer_than_five_pupils_reach_no_threshold_and_stay_hidden_next_to_a_reached_share()
    {
        // 6 pupils with an open concern (30%, reached) and 6 new concerns about one pupil (no threshold, hidden by pupils).
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 6);
        _w.NewConcerns(group, 6, pupils: 1);
        var id = (await _w.EvaluateAsync(group)).SignalId!.Value;

        var qc = Assert.Single(await _w.Service(Logins.Quality).ListAsync([_w.SchoolA]), s => s.Id == id);
        var ib = Assert.Single(await _w.Service(Logins.CareCoordinator).ListAsync([_w.SchoolA]), s => s.Id == id);
        var row = (await _w.Service(Logins.Quality).GetDensitiesAsync([_w.SchoolA])).Groups.Single(g => g.GroupId == group);

        Assert.Equal(["6 van 20 leerlingen hebben een open signalering (30%)"], qc.ReasonTexts);
        Assert.Equal((BoatSignalReasons.OpenConcernShare, BoatSignalResponses.GroupDiscussion), (qc.Reasons, qc.Proposed));
        Assert.Equal(ib.Reasons, qc.Reasons);
        Assert.Equal(ib.ReasonTexts, qc.ReasonTexts);
        Assert.Equal(("<5", "6"), (qc.AtRaise.NewConcerns.Display, ib.AtRaise.NewConcerns.Display));
        Assert.Equal((true, false, "<5"), (row.OpenConcernShareReached, row.NewConcernsReached, row.NewConcerns.Display));
    }

    [Fact]
    public async Task Five_or_more_new_concerns_about_fewer_than_five_pupils_raise_nothing_and_show_as_less_than_five_to_the_quality_coordinator()
    {
        var fewPupils = _w.NewGroup(pupils: 20);
        _w.NewConcerns(fewPupils, 6, pupils: 2);
        var fivePupils = _w.NewGroup(pupils: 20);
        _w.NewConcerns(fivePupils, 6, pupils: 5);
        var few = await _w.EvaluateAsync(fewPupils);
        var fiveSignal = (await _w.EvaluateAsync(fivePupils)).SignalId!.Value;

        var qc = (await _w.Service(Logins.Quality).GetDensitiesAsync([_w.SchoolA])).Groups;
        var ib = (await _w.Service(Logins.CareCoordinator).GetDensitiesAsync([_w.SchoolA])).Groups;
        var qcSignals = await _w.Service(Logins.Quality).ListAsync([_w.SchoolA]);

        Assert.Equal(BoatSignalEvaluationOutcome.BelowThresholds, few.Outcome);
        Assert.Equal(("<5", false), (qc.Single(g => g.GroupId == fewPupils).NewConcerns.Display, qc.Single(g => g.GroupId == fewPupils).NewConcernsReached));
        Assert.Equal(("6", false), (ib.Single(g => g.GroupId == fewPupils).NewConcerns.Display, ib.Single(g => g.GroupId == fewPupils).NewConcernsReached));
        Assert.Equal(("6", true), (qc.Single(g => g.GroupId == fivePupils).NewConcerns.Display, qc.Single(g => g.GroupId == fivePupils).NewConcernsReached));
        var five = Assert.Single(qcSignals, s => s.Id == fiveSignal);
        Assert.Equal(("6", "6"), (five.AtRaise.NewConcerns.Display, five.Now.NewConcerns.Display));
        Assert.Equal(["6 nieuwe signaleringen in 4 weken"], five.ReasonTexts);
        Assert.Equal(BoatSignalResponses.ClassroomVisit, five.Proposed);
    }

    [Fact]
    public async Task Live_events_reach_only_viewers_of_that_school()
    {
        var heardByLeader = new List<BoatSignalChanged>();
        var heardByIb = new List<BoatSignalChanged>();
        using var leader = await _w.Service(Logins.SchoolLeaderA).SubscribeAsync(e => { heardByLeader.Add(e); return Task.CompletedTask; });
        using var ib = await _w.Service(Logins.CareCoordinator).SubscribeAsync(e => { heardByIb.Add(e); return Task.CompletedTask; });

        var (_, atB) = await BusyGroupAsync(_w.SchoolB);
        var (_, atA) = await BusyGroupAsync(_w.SchoolA);

        Assert.Equal([atA], heardByLeader.Select(e => e.SignalId));
        Assert.Equal([atB, atA], heardByIb.Select(e => e.SignalId));
    }
}
