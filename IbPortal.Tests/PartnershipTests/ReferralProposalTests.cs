using IbPortal.Domain.Concerns;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.PartnershipTests;

/// <summary>A new referral's summary parts are proposed from what the school already recorded, at the pupil's school.</summary>
public sealed class ReferralProposalTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_proposal_gathers_tried_and_effect_needs_and_the_parents_view_from_the_file()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var school = _database.CurrentSchoolOf(pupil);
        await _database.RaiseAsync(pupil, "GEHEIM-observatie: leest spellend", "Dagelijks tutorlezen met een maatje.");
        await _database.RaiseAsync(pupil, "Nog een observatie", alreadyTried: null);
        _database.Plan(pupil, school, "Korte instructie aan de instructietafel.",
            (GoalKind.LongTerm, "Leest AVI E4 aan het eind van het jaar", []),
            (GoalKind.QuickWin, "Voorlezen van de instructie", [(EvaluationResult.NotAchieved, 20), (EvaluationResult.Achieved, 3)]));
        _database.Conversation(pupil, school, 40, "Ouders willen vooral rust.", "Oud doel");
        _database.Conversation(pupil, school, 5, "Ouders hopen op extra hulp in de klas.", "Thuis samen lezen.", discussed: "GEHEIM-besproken");
        _database.Conversation(pupil, school, -7, "Gepland gesprek, nog niet gehouden", null);

        var proposal = await _database.Referrals(Logins.CareCoordinator).ProposeAsync(pupil);

        Assert.Equal((pupil, school), (proposal.PupilId, proposal.SchoolId));
        var tried = proposal.TriedAndEffect!;
        Assert.Contains("- Dagelijks tutorlezen met een maatje. (signalering van 24 november 2026)", tried, StringComparison.Ordinal);
        Assert.Contains("- Quick win: Voorlezen van de instructie — behaald (21 november 2026)", tried, StringComparison.Ordinal);
        Assert.Contains("- Langetermijndoel: Leest AVI E4 aan het eind van het jaar — nog niet geëvalueerd", tried, StringComparison.Ordinal);
        Assert.True(tried.IndexOf("Quick win", StringComparison.Ordinal) < tried.IndexOf("Langetermijndoel", StringComparison.Ordinal),
            "quick wins come first");
        Assert.DoesNotContain("observatie", tried, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Korte instructie aan de instructietafel.", proposal.EducationalNeeds);
        Assert.Equal(
            "Verwachtingen van de ouders (oudergesprek van 19 november 2026): Ouders hopen op extra hulp in de klas.\n" +
            "Afgesproken met de ouders: Thuis samen lezen.",
            proposal.ParentsView!.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("GEHEIM", tried + proposal.ParentsView, StringComparison.Ordinal);
        var audit = Assert.Single(_database.AuditOf(PartnershipAuditActions.Propose));
        Assert.Equal((pupil, school, "CareCoordinator"), (audit.PupilId!.Value, audit.SchoolId!.Value, audit.Role));
    }

    [Fact]
    public async Task Closed_concerns_from_long_ago_closed_plans_other_pupils_and_other_schools_stay_out()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var school = _database.CurrentSchoolOf(pupil);
        var other = _database.NewPupilIn(Logins.TeacherA, "Anderleerling");
        await _database.RaiseAsync(other, "Iets anders", "Poging van een andere leerling");
        var old = await _database.RaiseAsync(pupil, "Oude zorg", "Oude poging van twee jaar terug");
        using (var db = _database.CreateContext())
        {
            var concern = db.Concerns.Single(c => c.Id == old);
            concern.Status = ConcernStatus.Closed;
            concern.RaisedAt = concern.RaisedAt.AddYears(-2);
            concern.ClosedAt = concern.RaisedAt.AddDays(30);
            db.SaveChanges();
        }
        var closedPlan = _database.Plan(pupil, school, "Behoeften uit een afgesloten plan", (GoalKind.QuickWin, "Oud doel", []));
        using (var db = _database.CreateContext())
        {
            db.SupportPlans.Single(p => p.Id == closedPlan).Status = SupportPlanStatus.Closed;
            db.SaveChanges();
        }
        _database.Plan(pupil, _database.SchoolId(Logins.SchoolB), "Behoeften op een andere school", (GoalKind.QuickWin, "Doel elders", []));
        _database.Conversation(pupil, _database.SchoolId(Logins.SchoolB), 2, "Verwachting op een andere school", null);
        _database.Conversation(other, school, 1, "Verwachting van andere ouders", null);

        var proposal = await _database.Referrals(Logins.CareCoordinator).ProposeAsync(pupil);

        Assert.Null(proposal.TriedAndEffect);
        Assert.Null(proposal.EducationalNeeds);
        Assert.Null(proposal.ParentsView);
    }

    [Fact]
    public async Task A_closed_concern_of_this_year_still_counts_as_recent()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var id = await _database.RaiseAsync(pupil, "Zorg", "Kleine groepjes bij rekenen.");
        using (var db = _database.CreateContext())
        {
            var concern = db.Concerns.Single(c => c.Id == id);
            concern.Status = ConcernStatus.Closed;
            concern.ClosedAt = concern.RaisedAt.AddDays(1);
            db.SaveChanges();
        }

        var proposal = await _database.Referrals(Logins.CareCoordinator).ProposeAsync(pupil);

        Assert.Contains("Kleine groepjes bij rekenen.", proposal.TriedAndEffect, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposal_never_exceeds_what_a_referral_text_may_hold()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 400).Select(i => $"- poging nummer {i} met wat uitleg erbij"));

        var fitted = ReferralProposalBuilder.Fit(lines)!;

        Assert.True(fitted.Length <= PartnershipReferral.TextMaxLength);
        Assert.EndsWith("…", fitted, StringComparison.Ordinal);
        Assert.StartsWith("- poging nummer 1 ", fitted, StringComparison.Ordinal);
        Assert.Null(ReferralProposalBuilder.Fit("  \n "));
    }

    [Fact]
    public async Task A_prefilled_proposal_can_be_saved_as_the_drafts_text()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var school = _database.CurrentSchoolOf(pupil);
        _database.Plan(pupil, school, "Structuur en voorspelbaarheid.");
        var ib = _database.Referrals(Logins.CareCoordinator);
        var proposal = await ib.ProposeAsync(pupil);

        var id = await ib.CreateAsync(pupil, new ReferralInput
        {
            Kind = ReferralKind.ArrangementRequest,
            SupportQuestion = "Welk arrangement past?",
            TriedAndEffect = proposal.TriedAndEffect,
            EducationalNeeds = proposal.EducationalNeeds + " En een vaste plek.",
            ParentsView = proposal.ParentsView,
        });

        using var db = _database.CreateContext();
        var stored = db.PartnershipReferrals.AsNoTracking().Single(r => r.Id == id);
        Assert.Equal("Structuur en voorspelbaarheid. En een vaste plek.", stored.EducationalNeeds);
        Assert.Null(stored.TriedAndEffect);
    }
}
