using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

public sealed class KijkwijzerServiceTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private CriteriaSetService Criteria(string login) => _db.Service<CriteriaSetService>(login);

    private List<AuditEntry> Audit(string login, string action)
    {
        var staffId = _db.StaffId(login);
        using var db = _db.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.StaffMemberId == staffId && a.Action == action).ToList();
    }

    [Fact]
    public async Task A_board_without_a_kijkwijzer_gets_version_1_from_the_defaults_once()
    {
        var admin = ObservationScenario.NewBoardAdministrator(_db);

        var first = await Criteria(admin).GetCurrentAsync();
        var again = await Criteria(admin).GetCurrentAsync();

        Assert.Equal(1, first.Version);
        Assert.Equal(first.Id, again.Id);
        Assert.True(first.IsCurrent);
        Assert.True(first.MayPublish);
        Assert.Equal(ObservationCriteriaDefaults.Name, first.Name);
        Assert.Equal(ObservationCriteriaDefaults.Areas.Select(a => a.Area), first.Areas.Select(a => a.Name));
        Assert.Equal(ObservationCriteriaDefaults.Areas[1].Criteria, first.Areas[1].Criteria.Select(c => c.Text));
        Assert.Equal([1, 2, 3], first.Areas[0].Criteria.Select(c => c.Position));
        using var db = _db.CreateContext();
        Assert.Equal(1, db.ObservationCriteriaSets.Count(s => s.BoardId == first.BoardId));
        Assert.Null(db.ObservationCriteriaSets.Single(s => s.Id == first.Id).PublishedById);
    }

    [Fact]
    public async Task The_IBer_reads_the_boards_current_kijkwijzer_but_may_not_publish()
    {
        var current = await Criteria(Logins.CareCoordinator).GetCurrentAsync();

        Assert.False(current.MayPublish);
        Assert.True(current.CriterionCount > 0);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Criteria(Logins.CareCoordinator).PublishAsync(ObservationScenario.ChangedDraft(current)));
        var refusal = Assert.Single(Audit(Logins.CareCoordinator, ObservationAuditActions.CriteriaPublish));
        Assert.Equal(AuditOutcome.Refused, refusal.Outcome);
        Assert.Equal(AuditRecordKind.ObservationCriteria, refusal.RecordKind);
        using var db = _db.CreateContext();
        Assert.Equal(current.Version, db.ObservationCriteriaSets.Where(s => s.BoardId == current.BoardId).Max(s => s.Version));
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Other_roles_neither_read_nor_publish_the_kijkwijzer_and_each_refusal_is_audited(string login)
    {
        var current = await Criteria(Logins.Administrator).GetCurrentAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Criteria(login).GetCurrentAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Criteria(login).GetVersionsAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Criteria(login).GetVersionAsync(current.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Criteria(login).PublishAsync(ObservationScenario.ChangedDraft(current)));

        Assert.Equal(3, Audit(login, ObservationAuditActions.CriteriaRead).Count(a => a.Outcome == AuditOutcome.Refused));
        Assert.Single(Audit(login, ObservationAuditActions.CriteriaPublish), a => a.Outcome == AuditOutcome.Refused);
    }

    [Fact]
    public async Task Publishing_creates_the_next_version_as_a_copy_and_leaves_the_old_version_as_it_was()
    {
        var v1 = await Criteria(Logins.Administrator).GetCurrentAsync();
        var draft = ObservationScenario.ChangedDraft(v1);
        draft.Name = "Kijkwijzer 2027";

        var v2 = await Criteria(Logins.Administrator).PublishAsync(draft);

        Assert.Equal(v1.Version + 1, v2.Version);
        Assert.NotEqual(v1.Id, v2.Id);
        Assert.True(v2.IsCurrent);
        Assert.Equal("Kijkwijzer 2027", v2.Name);
        Assert.Equal("Eerste criterium scherper geformuleerd.", v2.ChangeNote);
        Assert.Equal("Bas Janssen", v2.PublishedByName);
        Assert.Equal("De leerkracht zorgt zichtbaar voor een veilige sfeer.", v2.Areas[0].Criteria[0].Text);
        Assert.Equal(v1.CriterionCount + 1, v2.CriterionCount);
        Assert.DoesNotContain(v2.Areas.SelectMany(a => a.Criteria).Select(c => c.Id), id => v1.Areas.SelectMany(a => a.Criteria).Any(c => c.Id == id));

        var old = await Criteria(Logins.Administrator).GetVersionAsync(v1.Id);
        Assert.False(old.IsCurrent);
        Assert.Equal(v1.Name, old.Name);
        Assert.Equal(v1.Areas.SelectMany(a => a.Criteria).Select(c => (c.Id, c.Text)), old.Areas.SelectMany(a => a.Criteria).Select(c => (c.Id, c.Text)));
        Assert.Equal(v2.Id, (await Criteria(Logins.CareCoordinator).GetCurrentAsync()).Id);

        var entry = Assert.Single(Audit(Logins.Administrator, ObservationAuditActions.CriteriaPublish));
        Assert.Equal(AuditOutcome.Allowed, entry.Outcome);
        Assert.Equal(AuditRecordKind.ObservationCriteria, entry.RecordKind);
        Assert.Equal(v2.Id, entry.RecordId);
        Assert.Equal("Administrator", entry.Role);
        Assert.Null(entry.PupilId);
    }

    [Fact]
    public async Task A_draft_based_on_an_older_version_is_a_conflict_and_publishes_nothing()
    {
        var v1 = await Criteria(Logins.Administrator).GetCurrentAsync();
        var first = ObservationScenario.ChangedDraft(v1);
        var second = ObservationScenario.ChangedDraft(v1, "Ook mijn wijziging.");
        second.Name = "Andere naam";
        await Criteria(Logins.Administrator).PublishAsync(first);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Criteria(Logins.Administrator).PublishAsync(second));

        Assert.StartsWith("Er is intussen een nieuwere versie vastgesteld", ex.Message, StringComparison.Ordinal);
        using var db = _db.CreateContext();
        Assert.Equal(v1.Version + 1, db.ObservationCriteriaSets.Where(s => s.BoardId == v1.BoardId).Max(s => s.Version));
        Assert.DoesNotContain(db.ObservationCriteriaSets.Where(s => s.BoardId == v1.BoardId), s => s.Name == "Andere naam");
    }

    [Fact]
    public async Task Publishing_validates_each_field_with_a_Dutch_message_and_saves_nothing()
    {
        var current = await Criteria(Logins.Administrator).GetCurrentAsync();
        var draft = new CriteriaSetDraft
        {
            BasedOnVersion = current.Version,
            Name = "  ",
            ChangeNote = new string('x', ObservationCriteriaSet.ChangeNoteMaxLength + 1),
            Areas =
            [
                new CriteriaAreaDraft { Name = "Instructie", Criteria = ["Duidelijke uitleg.", "", "duidelijke uitleg."] },
                new CriteriaAreaDraft { Name = "instructie ", Criteria = ["Iets anders."] },
                new CriteriaAreaDraft { Name = "", Criteria = [] },
                new CriteriaAreaDraft { Name = "Klassenmanagement", Criteria = [new string('y', ObservationCriterion.TextMaxLength + 1)] },
            ],
        };

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Criteria(Logins.Administrator).PublishAsync(draft));

        Assert.Contains("naam", ex.Errors[nameof(CriteriaSetDraft.Name)], StringComparison.Ordinal);
        Assert.Contains("hooguit 500 tekens", ex.Errors[nameof(CriteriaSetDraft.ChangeNote)], StringComparison.Ordinal);
        Assert.Equal("Vul dit criterium in, of verwijder het.", ex.Errors[CriteriaSetService.CriterionField(0, 1)]);
        Assert.Equal("Dit criterium staat al in dit gebied.", ex.Errors[CriteriaSetService.CriterionField(0, 2)]);
        Assert.StartsWith("Er is al een gebied met deze naam", ex.Errors[CriteriaSetService.AreaNameField(1)], StringComparison.Ordinal);
        Assert.Equal("Geef dit gebied een naam.", ex.Errors[CriteriaSetService.AreaNameField(2)]);
        Assert.StartsWith("Voeg minstens één criterium toe", ex.Errors[CriteriaSetService.AreaCriteriaField(2)], StringComparison.Ordinal);
        Assert.Contains("hooguit 300 tekens", ex.Errors[CriteriaSetService.CriterionField(3, 0)], StringComparison.Ordinal);
        Assert.False(ex.Errors.ContainsKey(CriteriaSetService.AreaNameField(0)));

        var none = await Assert.ThrowsAsync<DomainValidationException>(() => Criteria(Logins.Administrator).PublishAsync(
            new CriteriaSetDraft { BasedOnVersion = current.Version, Name = "Leeg" }));
        Assert.StartsWith("Voeg minstens één gebied toe", none.Errors[nameof(CriteriaSetDraft.Areas)], StringComparison.Ordinal);

        using var db = _db.CreateContext();
        Assert.Equal(current.Version, db.ObservationCriteriaSets.Where(s => s.BoardId == current.BoardId).Max(s => s.Version));
        Assert.Empty(Audit(Logins.Administrator, ObservationAuditActions.CriteriaPublish));
    }

    [Fact]
    public async Task A_draft_without_any_change_is_not_published_as_a_new_version()
    {
        var current = await Criteria(Logins.Administrator).GetCurrentAsync();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Criteria(Logins.Administrator).PublishAsync(CriteriaSetDraft.From(current)));

        Assert.StartsWith("Deze versie is gelijk aan de huidige", ex.Message, StringComparison.Ordinal);
        using var db = _db.CreateContext();
        Assert.Equal(current.Version, db.ObservationCriteriaSets.Where(s => s.BoardId == current.BoardId).Max(s => s.Version));
    }

    [Fact]
    public async Task The_history_lists_every_version_newest_first_with_the_visits_scored_with_it()
    {
        var v1 = await Criteria(Logins.Administrator).GetCurrentAsync();
        var visitsBefore = (await Criteria(Logins.Administrator).GetVersionsAsync()).Single(r => r.Id == v1.Id).VisitCount;
        ObservationScenario.NewVisit(_db, criteriaSetId: v1.Id, status: VisitStatus.Observed);
        ObservationScenario.NewVisit(_db, Logins.TeacherB, criteriaSetId: v1.Id);
        var v2 = await Criteria(Logins.Administrator).PublishAsync(ObservationScenario.ChangedDraft(v1, "Nieuw criterium over samenwerken."));

        var history = await Criteria(Logins.CareCoordinator).GetVersionsAsync();

        Assert.Equal(history.Select(h => h.Version).OrderDescending(), history.Select(h => h.Version));
        var newest = history[0];
        Assert.Equal(v2.Id, newest.Id);
        Assert.True(newest.IsCurrent);
        Assert.Equal(0, newest.VisitCount);
        Assert.Equal("Nieuw criterium over samenwerken.", newest.ChangeNote);
        Assert.Equal("Bas Janssen", newest.PublishedByName);
        var old = history.Single(h => h.Id == v1.Id);
        Assert.False(old.IsCurrent);
        Assert.Equal(visitsBefore + 2, old.VisitCount);
    }

    [Fact]
    public async Task A_version_of_another_board_is_refused_as_if_it_did_not_exist()
    {
        var otherAdmin = ObservationScenario.NewBoardAdministrator(_db);
        var otherSet = await Criteria(otherAdmin).GetCurrentAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Criteria(Logins.Administrator).GetVersionAsync(otherSet.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Criteria(Logins.CareCoordinator).GetVersionAsync(otherSet.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Criteria(Logins.Administrator).GetVersionAsync(999_999));

        var ours = await Criteria(Logins.Administrator).GetCurrentAsync();
        Assert.NotEqual(otherSet.BoardId, ours.BoardId);
        Assert.Equal(2, Audit(Logins.Administrator, ObservationAuditActions.CriteriaRead).Count(a => a.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task Publishing_on_one_board_leaves_another_boards_kijkwijzer_alone()
    {
        var otherAdmin = ObservationScenario.NewBoardAdministrator(_db);
        var theirs = await Criteria(otherAdmin).GetCurrentAsync();
        var ours = await Criteria(Logins.Administrator).GetCurrentAsync();

        await Criteria(Logins.Administrator).PublishAsync(ObservationScenario.ChangedDraft(ours));

        Assert.Equal(theirs.Id, (await Criteria(otherAdmin).GetCurrentAsync()).Id);
        using var db = _db.CreateContext();
        Assert.Single(db.ObservationCriteriaSets.Where(s => s.BoardId == theirs.BoardId));
        Assert.Equal(ours.Version + 1, db.ObservationCriteriaSets.Where(s => s.BoardId == ours.BoardId).Max(s => s.Version));
    }
}
