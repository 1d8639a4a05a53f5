using Bunit;
using IbPortal.Domain.Parents;
using IbPortal.Parents;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.ParentTests;

public class ConsentPanelTests : PortalComponentContext
{
    private const string Expert = ConsentPurposes.ExternalExpert;

    public ConsentPanelTests() : base(Logins.CareCoordinator) { }

    private DateOnly Today => Database.Today();

    private IRenderedComponent<ConsentPanel> RenderPanel(int pupilId)
    {
        var cut = Render<ConsentPanel>(p => p.Add(c => c.PupilId, pupilId));
        cut.WaitForElement($"[data-testid=consent-{Expert}]");
        return cut;
    }

    private static string Status(IRenderedComponent<ConsentPanel> cut, string purpose) =>
        cut.Find($"[data-testid=consent-{purpose}] [data-testid=consent-status]").TextContent.Trim();

    [Fact]
    public void Every_purpose_has_a_card_with_its_status_in_words_and_what_it_unlocks()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);

        var cut = RenderPanel(pupilId);

        Assert.Equal("Niet gevraagd", Status(cut, Expert));
        Assert.Equal("Niet gevraagd", Status(cut, ConsentPurposes.PartnershipSharing));
        Assert.Contains("Nodig om een observatie of onderzoek door een externe deskundige vast te leggen",
            cut.Find($"[data-testid=consent-{Expert}] [data-testid=consent-unlocks]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find($"[data-testid=consent-request-{Expert}]"));
        Assert.Empty(cut.FindAll($"[data-testid=consent-decide-{Expert}]"));
    }

    [Fact]
    public async Task The_decision_form_offers_only_guardians_with_gezag_shows_missing_fields_and_records_the_consent()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        var mother = await Database.AddGuardianAsync(pupilId, name: "Moeder Metgezag");
        await Database.AddGuardianAsync(pupilId, authority: false, name: "Stiefvader Zondergezag");
        var father = await Database.AddGuardianAsync(pupilId, name: "Vader Metgezag");
        var consentId = await Database.Consents().RequestAsync(pupilId, Expert);
        var cut = RenderPanel(pupilId);
        Assert.Equal("Gevraagd", Status(cut, Expert));

        cut.Find($"[data-testid=consent-decide-{Expert}]").Click();
        var options = cut.FindAll("[data-testid=consent-guardian-option]").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(2, options.Count);
        Assert.DoesNotContain(options, o => o.Contains("Zondergezag", StringComparison.Ordinal));

        cut.Find("[data-testid=consent-give]").Click(); // no guardian, no method yet
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Kies de ouder of verzorger", cut.Find("[data-testid=consent-guardian-error]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Kies hoe de ouders", cut.Find("[data-testid=consent-method-error]").TextContent, StringComparison.Ordinal);
        });
        Assert.Equal(IbPortal.Components.Shared.DateField.ToInput(Today), cut.Find("[data-testid=consent-date] input").GetAttribute("value"));

        cut.FindAll("[data-testid=consent-guardian-option]").Single(o => o.TextContent.Contains("Vader", StringComparison.Ordinal)).Click();
        cut.Find("[data-testid=consent-method-inconversation]").Click();
        cut.Find("[data-testid=consent-expires] input").Change(IbPortal.Components.Shared.DateField.ToInput(Today.AddYears(1)));
        cut.Find("[data-testid=consent-give]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Gegeven", Status(cut, Expert)));
        Assert.Contains("Gegeven op", cut.Find($"[data-testid=consent-{Expert}] [data-testid=consent-decision]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Vader Metgezag", cut.Find($"[data-testid=consent-{Expert}] [data-testid=consent-decision]").TextContent, StringComparison.Ordinal);
        await using var db = Database.CreateContext();
        var stored = await db.Consents.SingleAsync(c => c.Id == consentId);
        Assert.Equal((ConsentState.Given, (int?)father, ConsentMethod.InConversation, (DateOnly?)Today.AddYears(1)),
            (stored.State, stored.GuardianId, stored.Method, stored.ExpiresOn));
        Assert.NotEqual(mother, stored.GuardianId);
    }

    [Fact]
    public async Task Refusing_from_the_form_records_a_refusal_and_offers_to_ask_again()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.AddGuardianAsync(pupilId);
        await Database.Consents().RequestAsync(pupilId, Expert);
        var cut = RenderPanel(pupilId);

        cut.Find($"[data-testid=consent-decide-{Expert}]").Click();
        cut.Find("[data-testid=consent-method-signedform]").Click();
        cut.Find("[data-testid=consent-refuse]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Geweigerd", Status(cut, Expert)));
        Assert.Contains("Opnieuw vragen", cut.Find($"[data-testid=consent-request-{Expert}]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_guardian_with_gezag_the_form_says_to_add_one_first()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.AddGuardianAsync(pupilId, authority: false);
        await Database.Consents().RequestAsync(pupilId, Expert);
        var cut = RenderPanel(pupilId);

        cut.Find($"[data-testid=consent-decide-{Expert}]").Click();

        Assert.Contains("nog geen ouder of verzorger met ouderlijk gezag", cut.Find("[data-testid=consent-no-guardians]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=consent-give]"));
    }

    [Fact]
    public async Task A_withdrawal_is_recorded_and_shown_prominently_with_the_history_kept()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.GiveConsentAsync(pupilId);
        var cut = RenderPanel(pupilId);

        cut.Find($"[data-testid=consent-withdraw-{Expert}]").Click();
        cut.Find("[data-testid=consent-withdraw-note] textarea").Change("Ouders willen eerst een gesprek.");
        cut.Find("[data-testid=consent-withdraw-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Ingetrokken", Status(cut, Expert)));
        var notice = cut.Find($"[data-testid=consent-{Expert}] [data-testid=consent-withdrawn-notice]").TextContent;
        Assert.Contains($"Ingetrokken op {IbPortal.Components.Shared.Display.Day(Today, Today)}", notice, StringComparison.Ordinal);
        Assert.Contains("stappen die deze toestemming nodig hebben zijn geblokkeerd", notice, StringComparison.Ordinal);

        cut.Find($"[data-testid=consent-request-{Expert}]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Gevraagd", Status(cut, Expert)));
        Assert.Contains("Eerdere vragen (1)", cut.Find($"[data-testid=consent-{Expert}] [data-testid=consent-history]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_consent_shows_Verlopen_and_may_be_requested_again()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.GiveConsentAsync(pupilId, expiresOn: Today.AddDays(3));
        Database.Clock.Advance(TimeSpan.FromDays(4));

        var cut = RenderPanel(pupilId);

        Assert.Equal("Verlopen", Status(cut, Expert));
        Assert.NotNull(cut.Find($"[data-testid=consent-{Expert}] [data-testid=consent-expired-notice]"));
        Assert.NotNull(cut.Find($"[data-testid=consent-request-{Expert}]"));
        Assert.Empty(cut.FindAll($"[data-testid=consent-withdraw-{Expert}]"));
    }

    [Fact]
    public async Task The_expert_report_form_shows_the_refusal_keeps_the_input_and_requests_consent_from_the_alert()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderPanel(pupilId);
        cut.WaitForElement("[data-testid=expert-report-form]");

        cut.Find("[data-testid=expert-kind-observation]").Click();
        cut.Find("[data-testid=expert-name] input").Change("Drs. Voorbeeld");
        cut.Find("[data-testid=expert-findings] textarea").Change("Werkt geconcentreerd bij korte instructie.");
        cut.Find("[data-testid=expert-report-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("nog niet gevraagd", cut.Find("[data-testid=consent-required]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Drs. Voorbeeld", cut.Find("[data-testid=expert-name] input").GetAttribute("value"));
        Assert.Equal("Werkt geconcentreerd bij korte instructie.", cut.Find("[data-testid=expert-findings] textarea").TextContent.Trim());
        await using (var db = Database.CreateContext())
            Assert.False(await db.ExternalExpertReports.AnyAsync(r => r.PupilId == pupilId));

        cut.WaitForElement("[data-testid=consent-required-request]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("antwoord van de ouders wordt afgewacht", cut.Find("[data-testid=consent-required-awaited]").TextContent, StringComparison.Ordinal);
            Assert.Equal("Gevraagd", Status(cut, Expert));
        });
        Assert.Empty(cut.FindAll("[data-testid=consent-required-request]"));
        Assert.Equal("Drs. Voorbeeld", cut.Find("[data-testid=expert-name] input").GetAttribute("value"));
        await using (var db = Database.CreateContext())
            Assert.Equal(ConsentState.Requested, (await db.Consents.SingleAsync(c => c.PupilId == pupilId && c.Purpose == Expert)).State);
    }

    [Fact]
    public async Task With_valid_consent_the_expert_report_is_saved_and_listed_with_its_findings()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.GiveConsentAsync(pupilId);
        var cut = RenderPanel(pupilId);
        cut.WaitForElement("[data-testid=expert-report-form]");

        cut.Find("[data-testid=expert-kind-assessment]").Click();
        cut.Find("[data-testid=expert-name] input").Change("Drs. Voorbeeld");
        cut.Find("[data-testid=expert-role] input").Change("orthopedagoog");
        cut.Find("[data-testid=expert-findings] textarea").Change("Leest op niveau E3.");
        cut.Find("[data-testid=expert-report-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Leest op niveau E3.", cut.Find("[data-testid=expert-report] [data-testid=expert-report-findings]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Onderzoek", cut.Find("[data-testid=expert-report]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=consent-required]"));
        Assert.Equal("", cut.Find("[data-testid=expert-name] input").GetAttribute("value") ?? "");
    }

    [Fact]
    public void An_expert_report_without_the_required_fields_shows_the_messages_per_field()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderPanel(pupilId);
        cut.WaitForElement("[data-testid=expert-report-form]");

        cut.Find("[data-testid=expert-report-save]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Kies of het een observatie of een onderzoek was.", cut.Find("[data-testid=expert-kind-error]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Vul de naam van de externe deskundige in.", cut.Markup, StringComparison.Ordinal);
            Assert.Contains("Beschrijf de bevindingen van de deskundige.", cut.Markup, StringComparison.Ordinal);
        });
        Assert.Empty(cut.FindAll("[data-testid=consent-required]"));
    }
}

public class ConsentPanelAsTeacherTests : PortalComponentContext
{
    public ConsentPanelAsTeacherTests() : base(Logins.TeacherA) { }

    [Fact]
    public async Task The_teacher_sees_the_consents_without_actions_and_without_the_expert_form()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.Consents().RequestAsync(pupilId, ConsentPurposes.ExternalExpert);

        var cut = Render<ConsentPanel>(p => p.Add(c => c.PupilId, pupilId));

        cut.WaitForAssertion(() => Assert.Equal("Gevraagd",
            cut.Find($"[data-testid=consent-{ConsentPurposes.ExternalExpert}] [data-testid=consent-status]").TextContent.Trim()));
        cut.WaitForElement("[data-testid=expert-reports]");
        Assert.Empty(cut.FindAll("[data-testid^=consent-request-], [data-testid^=consent-decide-], [data-testid^=consent-withdraw-]"));
        Assert.Empty(cut.FindAll("[data-testid=expert-report-form]"));
    }

    [Fact]
    public void For_the_teacher_the_alert_says_to_ask_the_IBer_and_offers_no_request_button()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        var error = new ConsentRequiredException(pupilId, Database.SchoolOf(pupilId), ConsentPurposes.ExternalExpertPurpose, null, Database.Today());

        var cut = Render<ConsentRequiredAlert>(p => p.Add(a => a.Error, error));

        cut.WaitForElement("[data-testid=consent-required-ask-ib]");
        Assert.Contains("nog niet gevraagd", cut.Find("[data-testid=consent-required]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=consent-required-request]"));
    }
}

public class ConsentRequiredAlertTests : PortalComponentContext
{
    public ConsentRequiredAlertTests() : base(Logins.CareCoordinator) { }

    [Fact]
    public async Task When_a_request_is_open_the_alert_says_the_answer_is_awaited_and_where_to_record_it()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.Consents().RequestAsync(pupilId, ConsentPurposes.PartnershipSharing);
        await using var db = Database.CreateContext();
        var error = await Assert.ThrowsAsync<ConsentRequiredException>(() => ConsentRules.RequireAsync(db, pupilId, Database.SchoolOf(pupilId),
            ConsentPurposes.PartnershipSharingPurpose, Database.Today(), CancellationToken.None));

        var cut = Render<ConsentRequiredAlert>(p => p.Add(a => a.Error, error));

        var awaited = cut.Find("[data-testid=consent-required-awaited]");
        Assert.Contains("wordt afgewacht", awaited.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/leerlingen/{pupilId}?tab=toestemming", cut.Find("[data-testid=consent-required-tab-link]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=consent-required-request]"));
    }

    [Fact]
    public async Task After_a_withdrawal_the_IBer_can_request_again_from_the_alert_and_OnRequested_is_raised()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        var consentId = await Database.GiveConsentAsync(pupilId, ConsentPurposes.PartnershipSharing);
        await Database.Consents().WithdrawAsync(consentId, Database.Today());
        var error = new ConsentRequiredException(pupilId, Database.SchoolOf(pupilId), ConsentPurposes.PartnershipSharingPurpose,
            new Consent { Id = consentId, Purpose = ConsentPurposes.PartnershipSharing, State = ConsentState.Withdrawn }, Database.Today());
        var raised = 0;

        var cut = Render<ConsentRequiredAlert>(p => p.Add(a => a.Error, error).Add(a => a.OnRequested, () => raised++));
        cut.WaitForElement("[data-testid=consent-required-request]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, raised));
        var overview = await Database.Consents().GetOverviewAsync(pupilId);
        Assert.Equal(ConsentStatus.Requested, overview.For(ConsentPurposes.PartnershipSharing)!.Status);
        Assert.NotNull(cut.Find("[data-testid=consent-required-awaited]"));
    }
}
