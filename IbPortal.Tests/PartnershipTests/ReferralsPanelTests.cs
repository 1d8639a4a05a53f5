using Bunit;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Support;
using IbPortal.Partnership;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.PartnershipTests;

public sealed class ReferralsPanelTests : PortalComponentContext
{
    public ReferralsPanelTests() : base(Logins.CareCoordinator) { }

    private IRenderedComponent<ReferralsPanel> RenderPanel(int pupilId)
    {
        var cut = Render<ReferralsPanel>(p => p.Add(x => x.PupilId, pupilId));
        cut.WaitForElement("[data-testid=referrals-panel] h2");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    private PartnershipReferral Stored(int pupilId)
    {
        using var db = Database.CreateContext();
        return db.PartnershipReferrals.AsNoTracking().Single(r => r.PupilId == pupilId);
    }

    [Fact]
    public void Without_referrals_the_panel_says_what_to_do_next_and_offers_a_new_request()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);

        var cut = RenderPanel(pupil);

        Assert.Contains("Nieuwe aanvraag", cut.Find("[data-testid=no-referrals]").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=new-referral]"));
        Assert.Empty(cut.FindAll("[data-testid=referral]"));
    }

    [Fact]
    public async Task The_new_request_form_is_prefilled_from_the_file_and_keeps_everything_on_a_validation_error()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var school = Database.CurrentSchoolOf(pupil);
        await Database.RaiseAsync(pupil, "Kijkt weg bij rekenen", "Rekenrek erbij gepakt.");
        Database.Plan(pupil, school, "Concreet materiaal bij nieuwe stof.");
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=new-referral]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Rekenrek erbij gepakt.", cut.Find("[data-testid=tried-and-effect] textarea").TextContent));
        Assert.Equal("Concreet materiaal bij nieuwe stof.", cut.Find("[data-testid=educational-needs] textarea").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=prefill-note]"));
        cut.Find("[data-testid=parents-view] textarea").Input("Ouders willen meedenken.");
        cut.Find("[data-testid=consultant] input").Input("Mevr. Consulent");
        cut.Find("[data-testid=save-referral]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Beschrijf de hulpvraag", cut.Find("[data-testid=support-question]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Kies wat je aanvraagt", cut.Find("[data-testid=kind-error]").TextContent, StringComparison.Ordinal);
            Assert.Contains("wat je typte staat er nog", cut.Find("[data-testid=referral-form-error]").TextContent, StringComparison.Ordinal);
        });
        Assert.Equal("Ouders willen meedenken.", cut.Find("[data-testid=parents-view] textarea").TextContent.Trim());
        Assert.Equal("Mevr. Consulent", cut.Find("[data-testid=consultant] input").GetAttribute("value"));
        Assert.Contains("Rekenrek erbij gepakt.", cut.Find("[data-testid=tried-and-effect] textarea").TextContent, StringComparison.Ordinal);
        using (var db = Database.CreateContext())
            Assert.False(db.PartnershipReferrals.Any(r => r.PupilId == pupil));

        cut.Find("[data-testid=kind-tlv]").Click();
        cut.Find("[data-testid=support-question] textarea").Input("Is een plek in het speciaal basisonderwijs passend?");
        cut.Find("[data-testid=save-referral]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Concept", cut.Find("[data-testid=referral-status]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=referral-form]"));
        Assert.Equal("Aanvraag toelaatbaarheidsverklaring (TLV)", cut.Find("[data-testid=referral-kind]").TextContent.Trim());
        var stored = Stored(pupil);
        Assert.Equal(ReferralKind.AdmissionStatementRequest, stored.Kind);
        Assert.Equal(ReferralStatus.Draft, stored.Status);
        Assert.Equal("Is een plek in het speciaal basisonderwijs passend?", stored.SupportQuestion);
        Assert.Contains("Rekenrek erbij gepakt.", stored.TriedAndEffect, StringComparison.Ordinal);
        Assert.Equal(("Concreet materiaal bij nieuwe stof.", "Ouders willen meedenken.", "Mevr. Consulent"),
            (stored.EducationalNeeds, stored.ParentsView, stored.ConsultantName));
    }

    [Fact]
    public async Task Submitting_without_the_parents_consent_explains_what_is_missing_and_keeps_the_draft()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var id = await Database.DraftAsync(pupil);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=submit-referral]").Click();

        cut.WaitForAssertion(() =>
        {
            var alert = cut.Find("[data-testid=referral-consent-required]").TextContent;
            Assert.Contains("Delen van het dossier met het samenwerkingsverband", alert, StringComparison.Ordinal);
            Assert.Contains("nog niet gevraagd", alert, StringComparison.Ordinal);
        });
        Assert.Equal("Concept", cut.Find("[data-testid=referral-status]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=submit-referral]"));
        Assert.Equal(ReferralStatus.Draft, Database.StoredReferral(id).Status);

        Database.Consent(pupil, Database.CurrentSchoolOf(pupil), ConsentState.Given);
        cut.Find("[data-testid=submit-referral]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Ingediend", cut.Find("[data-testid=referral-status]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=referral-consent-required]"));
        Assert.Empty(cut.FindAll("[data-testid=submit-referral]"));
        Assert.Equal(ReferralStatus.Submitted, Database.StoredReferral(id).Status);
    }

    [Fact]
    public async Task A_draft_is_edited_in_place_and_a_decision_is_recorded_after_submission()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var id = await Database.DraftAsync(pupil, "Eerste versie van de vraag");
        Database.Consent(pupil, Database.CurrentSchoolOf(pupil), ConsentState.Given);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=edit-referral]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Eerste versie van de vraag", cut.Find("[data-testid=support-question] textarea").TextContent.Trim()));
        cut.Find("[data-testid=support-question] textarea").Input("Tweede versie van de vraag");
        cut.Find("[data-testid=save-referral]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Tweede versie van de vraag", cut.Find("[data-testid=referral-question]").TextContent.Trim()));

        cut.Find("[data-testid=submit-referral]").Click();
        cut.WaitForElement("[data-testid=decide-referral]").Click();
        cut.WaitForElement("[data-testid=save-decision]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Kies het besluit", cut.Find("[data-testid=outcome-error]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=outcome-granted]").Click();
        cut.Find("[data-testid=decision-note] textarea").Input("Arrangement voor dit schooljaar.");
        cut.Find("[data-testid=save-decision]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Besluit genomen: toegekend", cut.Find("[data-testid=referral-status]").TextContent.Trim()));
        Assert.Contains("Arrangement voor dit schooljaar.", cut.Find("[data-testid=referral-outcome]").TextContent, StringComparison.Ordinal);
        var stored = Database.StoredReferral(id);
        Assert.Equal((ReferralStatus.Decided, ReferralOutcome.Granted, Database.Today()), (stored.Status, stored.Outcome!.Value, stored.DecidedOn!.Value));
        Assert.Empty(cut.FindAll("[data-testid=withdraw-referral]"));
    }

    [Fact]
    public async Task Withdrawing_asks_first_and_then_marks_the_referral_withdrawn()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var id = await Database.DraftAsync(pupil);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=withdraw-referral]").Click();
        Assert.Equal(ReferralStatus.Draft, Database.StoredReferral(id).Status);
        cut.WaitForElement("[data-testid=confirm-withdraw]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Ingetrokken", cut.Find("[data-testid=referral-status]").TextContent.Trim()));
        Assert.Equal(ReferralStatus.Withdrawn, Database.StoredReferral(id).Status);
    }

    [Fact]
    public async Task The_pupils_teacher_sees_the_referrals_read_only_with_the_summary_links()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var id = await Database.DraftAsync(pupil);
        SignInAs(Logins.TeacherA);

        var cut = RenderPanel(pupil);

        cut.WaitForElement("[data-testid=referral]");
        foreach (var action in new[] { "new-referral", "edit-referral", "submit-referral", "withdraw-referral", "decide-referral" })
            Assert.Empty(cut.FindAll($"[data-testid={action}]"));
        Assert.Equal($"/leerlingen/{pupil}/verwijzingen/{id}/samenvatting", cut.Find("[data-testid=summary-link]").GetAttribute("href"));
        var word = cut.Find("[data-testid=word-link]");
        Assert.Equal($"/leerlingen/{pupil}/verwijzingen/{id}/samenvatting.docx", word.GetAttribute("href"));
        Assert.Equal($"verwijzing-{id}.docx", word.GetAttribute("download"));
        Assert.Contains("De intern begeleider start er een", RenderPanel(Database.NewPupilIn(Logins.TeacherA)).Find("[data-testid=no-referrals]").TextContent,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_without_access_sees_a_clear_refusal()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        SignInAs(Logins.TeacherB);

        var cut = Render<ReferralsPanel>(p => p.Add(x => x.PupilId, pupil));

        cut.WaitForAssertion(() => Assert.StartsWith("Je hebt geen toegang", cut.Find("[data-testid=referrals-error]").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_summary_page_shows_the_concept_mark_the_pupil_block_and_the_parts_but_not_the_concern()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Sanne");
        var school = Database.CurrentSchoolOf(pupil);
        await Database.RaiseAsync(pupil, "GEHEIM-observatie over Sanne", "Time-out plek in de klas.");
        Database.Plan(pupil, school, "Rust en duidelijke regels.", (GoalKind.QuickWin, "Time-out kaartje", [(EvaluationResult.PartlyAchieved, 2)]));
        var ib = Database.Referrals(Logins.CareCoordinator);
        var proposal = await ib.ProposeAsync(pupil);
        var id = await ib.CreateAsync(pupil, new ReferralInput
        {
            Kind = ReferralKind.Consultation,
            SupportQuestion = "Hoe helpen we Sanne in de klas?",
            TriedAndEffect = proposal.TriedAndEffect,
            EducationalNeeds = proposal.EducationalNeeds,
        });

        var cut = Render<ReferralSummaryPage>(p => p.Add(x => x.PupilId, pupil).Add(x => x.ReferralId, id));

        cut.WaitForElement("[data-testid=referral-summary]");
        Assert.Contains(ReferralSummary.ConceptText, cut.Find("[data-testid=concept-marker]").TextContent, StringComparison.Ordinal);
        var pupilBlock = cut.Find("[data-testid=summary-pupil]").TextContent;
        Assert.Contains("Sanne Nieuw", pupilBlock, StringComparison.Ordinal);
        Assert.Contains("1 mei 2018", pupilBlock, StringComparison.Ordinal);
        Assert.Contains("Hoe helpen we Sanne in de klas?", cut.Find("[data-testid=summary-support-question]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Time-out kaartje — deels behaald", cut.Find("[data-testid=summary-tried-and-effect]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Rust en duidelijke regels.", cut.Find("[data-testid=summary-educational-needs]").TextContent, StringComparison.Ordinal);
        Assert.Contains(ReferralSummaryLayout.NotFilledIn, cut.Find("[data-testid=summary-parents-view]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Consultatie van een Passend Onderwijs-consulent", cut.Find("[data-testid=summary-request]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("GEHEIM", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("no-print", cut.Find("[data-testid=print]").ParentElement!.ClassName, StringComparison.Ordinal);
        Assert.Equal($"/leerlingen/{pupil}/verwijzingen/{id}/samenvatting.docx", cut.Find("[data-testid=word-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_summary_page_refuses_someone_without_access_without_showing_anything()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Sanne");
        var id = await Database.DraftAsync(pupil, "Vraag over Sanne");
        SignInAs(Logins.Quality);

        var cut = Render<ReferralSummaryPage>(p => p.Add(x => x.PupilId, pupil).Add(x => x.ReferralId, id));

        cut.WaitForAssertion(() => Assert.StartsWith("Je hebt geen toegang", cut.Find("[data-testid=summary-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.DoesNotContain("Sanne", cut.Markup, StringComparison.Ordinal);
    }
}
