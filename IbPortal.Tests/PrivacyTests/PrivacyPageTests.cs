using System.Globalization;
using Bunit;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Privacy;
using IbPortal.Privacy;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.PrivacyTests;

/// <summary>The pupil file page and the inzage document, rendered with the real services.</summary>
public class PrivacyPageTests : PrivacyComponentContext
{
    private const string Markup = "<b>vet</b> <script>alert(1)</script>";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<int> IdsOf(IEnumerable<AngleSharp.Dom.IElement> elements, string attribute) =>
        [.. elements.Select(e => int.Parse(e.GetAttribute(attribute)!, CultureInfo.InvariantCulture)).Order()];

    [Fact]
    public async Task Inzage_page_is_a_document_with_every_section_and_every_record()
    {
        var (pupil, other) = Database.TwoPupilsOfTeacherA();
        var concern = await Database.ConcernWithFullHistoryAsync(pupil, "Leest spellend.");
        var theirs = await Database.RaiseAsync(Logins.TeacherA, other, PrivacyScenario.OtherPupilObservation);
        await Database.Concerns(Logins.CareCoordinator).GetDetailAsync(concern);

        var cut = Render<InzagePage>(p => p.Add(x => x.PupilId, pupil));

        cut.WaitForElement("[data-testid=inzage-document]");
        var headings = cut.FindAll("h1, h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Inzage in het leerlingdossier", "Gegevens van de leerling", "Inschrijvingen", "Signaleringen", "Ouders en verzorgers",
                "Begeleiding, plannen, gesprekken en toestemming", "Wie heeft het dossier bekeken"],
            headings);
        Assert.Equal(Database.FullNameOf(pupil), cut.Find("[data-testid=inzage-pupil-name]").TextContent);

        using var db = Database.CreateContext();
        var expectedConcerns = db.Concerns.Where(c => c.PupilId == pupil).Select(c => c.Id).Order().ToList();
        var expectedHistory = db.ConcernHistory.Where(h => h.Concern!.PupilId == pupil).Select(h => h.Id).Order().ToList();
        Assert.Equal(expectedConcerns, IdsOf(cut.FindAll("[data-testid=inzage-concern]"), "data-concern-id"));
        Assert.Equal(expectedHistory, IdsOf(cut.FindAll("[data-testid=inzage-history]"), "data-history-id"));
        Assert.Single(cut.FindAll("[data-testid=inzage-enrolment]"));
        Assert.DoesNotContain(cut.FindAll("[data-testid=inzage-concern]"), e => e.GetAttribute("data-concern-id") == Id(theirs));
        Assert.DoesNotContain(PrivacyScenario.OtherPupilObservation, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Database.FullNameOf(other), cut.Markup, StringComparison.Ordinal);

        var actions = cut.FindAll("[data-testid=access-row]").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Contains("concern.read", actions);
        Assert.Equal(InzageService.ExportAction, actions[0]); // newest first: this export itself
        var exportRow = cut.FindAll("[data-testid=access-row]")[0].Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["di 24 nov 2026 10:30", "Ilse Verbeek", "Intern begeleider", "OBS De Vlinderboom", "Inzage-export gemaakt", "Toegestaan"], exportRow);
        Assert.Contains("Gemaakt op di 24 nov 2026 10:30 door Ilse Verbeek", cut.Find("[data-testid=generated]").TextContent, StringComparison.Ordinal);

        Assert.Equal($"/leerlingen/{pupil}/inzage.json", cut.Find("[data-testid=download-json]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=download-json]").GetAttribute("download"));
    }

    [Fact]
    public async Task Inzage_page_prints_through_window_print_and_shows_free_text_as_text()
    {
        var pupil = Database.PupilOf(Logins.TeacherA);
        await Database.RaiseAsync(Logins.TeacherA, pupil, Markup);

        var cut = Render<InzagePage>(p => p.Add(x => x.PupilId, pupil));
        cut.WaitForElement("[data-testid=inzage-document]");

        Assert.Empty(cut.FindAll("[data-testid=inzage-document] b, [data-testid=inzage-document] script"));
        Assert.Contains(cut.FindAll("td"), td => td.TextContent == Markup);

        cut.Find("[data-testid=print]").Click();
        JSInterop.VerifyInvoke("print");
    }

    [Fact]
    public void Inzage_page_shows_the_refusal_to_a_teacher_without_any_pupil_data()
    {
        SignInAs(Logins.TeacherA);
        var pupil = Database.PupilOf(Logins.TeacherA);

        var cut = Render<InzagePage>(p => p.Add(x => x.PupilId, pupil));

        var error = cut.WaitForElement("[data-testid=inzage-error]");
        Assert.Equal(new AccessDeniedException().Message, error.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=inzage-document]"));
        Assert.DoesNotContain(Database.FullNameOf(pupil), cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pupil_file_page_shows_the_pupil_a_timeline_of_linked_concerns_and_the_inzage_button()
    {
        var pupil = Database.PupilOf(Logins.TeacherA);
        var concern = await Database.RaiseAsync(Logins.TeacherA, pupil, Markup);

        // The timeline tab opens first and shows the concern's observation as text.
        var timeline = Render<PupilFilePage>(p => p.Add(x => x.PupilId, pupil));
        timeline.WaitForElement("[data-testid=timeline-entry]");
        Assert.Contains(timeline.FindAll("[data-testid=timeline-detail]"), d => d.TextContent == Markup);
        Assert.Empty(timeline.FindAll("[data-testid=timeline-detail] b"));
        Assert.Single(timeline.FindAll("[data-testid=enrolment]"));

        // The concerns tab, as a link with ?tab=signaleringen opens it.
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>(Services).NavigateTo($"/leerlingen/{pupil}?tab=signaleringen");
        var cut = Render<PupilFilePage>(p => p.Add(x => x.PupilId, pupil));

        cut.WaitForElement("[data-testid=file-concern]");
        Assert.Equal(Database.FullNameOf(pupil), cut.Find("h1").TextContent.Trim());
        Assert.Contains("groep 5 · OBS De Vlinderboom", cut.Find("[data-testid=pupil-context]").TextContent, StringComparison.Ordinal);
        var card = cut.FindAll("[data-testid=file-concern]").Single(c => c.GetAttribute("data-concern-id") == Id(concern));
        Assert.Equal($"/signaleringen/{concern}", card.GetAttribute("href"));
        Assert.Contains("Nieuw", card.TextContent, StringComparison.Ordinal);
        Assert.Equal(Markup, card.QuerySelector("[data-testid=file-observation]")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=file-observation] b"));
        Assert.Equal($"/leerlingen/{pupil}/inzage", cut.Find("[data-testid=inzage-button]").GetAttribute("href"));
        Assert.Equal(2, Database.AuditEntries(a => a.Action == PupilFileService.ReadAction && a.Outcome == AuditOutcome.Allowed).Count);
    }

    [Fact]
    public void Pupil_file_page_offers_no_inzage_to_the_teacher()
    {
        SignInAs(Logins.TeacherA);
        var pupil = Database.PupilOf(Logins.TeacherA);

        var cut = Render<PupilFilePage>(p => p.Add(x => x.PupilId, pupil));

        cut.WaitForElement("[data-testid=pupil-file]");
        Assert.Empty(cut.FindAll("[data-testid=inzage-button]"));
    }

    [Fact]
    public void Pupil_file_page_shows_the_refusal_to_a_teacher_of_another_school()
    {
        SignInAs(Logins.TeacherB);
        var pupil = Database.PupilOf(Logins.TeacherA);

        var cut = Render<PupilFilePage>(p => p.Add(x => x.PupilId, pupil));

        var error = cut.WaitForElement("[data-testid=file-error]");
        Assert.Equal(new AccessDeniedException().Message, error.TextContent.Trim());
        Assert.DoesNotContain(Database.FullNameOf(pupil), cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=inzage-button]"));
    }

    [Fact]
    public void Pupil_file_page_sends_the_privacy_officer_to_the_inzage_without_showing_or_refusing_care_content()
    {
        SignInAs(PrivacyScenario.PrivacyOfficer);
        var pupil = Database.PupilOf(Logins.TeacherA);

        var cut = Render<PupilFilePage>(p => p.Add(x => x.PupilId, pupil));

        cut.WaitForElement("[data-testid=privacy-officer-info]");
        Assert.Equal($"/leerlingen/{pupil}/inzage", cut.Find("[data-testid=inzage-button]").GetAttribute("href"));
        Assert.DoesNotContain(Database.FullNameOf(pupil), cut.Markup, StringComparison.Ordinal);
        Assert.Empty(Database.AuditEntries(a => a.Action == PupilFileService.ReadAction));
    }
}
