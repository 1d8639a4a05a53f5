using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.PartnershipTests;

/// <summary>The one-page referral summary and its Word document: exactly the referral's parts and the pupil block.</summary>
public sealed class ReferralSummaryTests : IDisposable
{
    private const string Observation = "GEHEIM-observatie: huilt elke ochtend bij het brengen";
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private ReferralService Ib => _database.Referrals(Logins.CareCoordinator);

    /// <summary>A pupil in group 5 at school A with a concern (whose observation must stay out), support levels and a draft.</summary>
    private async Task<(int Pupil, int School, int Referral)> DraftWithFileAsync()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA, "Fenna");
        var school = _database.CurrentSchoolOf(pupil);
        await _database.RaiseAsync(pupil, Observation, "Een vaste plek dicht bij de juf.");
        _database.SupportLevel(pupil, school, 2, minutesAgo: 600);
        _database.SupportLevel(pupil, school, 3, minutesAgo: 60);
        _database.SupportLevel(pupil, _database.SchoolId(Logins.SchoolB), 5, minutesAgo: 1);
        var proposal = await Ib.ProposeAsync(pupil);
        var id = await Ib.CreateAsync(pupil, new ReferralInput
        {
            Kind = ReferralKind.ArrangementRequest,
            SupportQuestion = "Welk arrangement helpt Fenna om weer met plezier naar school te gaan?",
            TriedAndEffect = proposal.TriedAndEffect + "\nEffect: iets rustiger bij binnenkomst.",
            EducationalNeeds = "Voorspelbaarheid en een vaste begeleider.",
            ParentsView = "Ouders steunen de aanvraag.",
            ConsultantName = "Mevr. De Consulent",
        });
        return (pupil, school, id);
    }

    [Fact]
    public async Task The_summary_holds_the_pupil_block_and_the_referrals_parts_and_nothing_else_from_the_file()
    {
        var (pupil, school, id) = await DraftWithFileAsync();
        var otherPupil = _database.NewPupilIn(Logins.TeacherA, "Bartholomeus");
        await _database.DraftAsync(otherPupil, "Vraag over een andere leerling");

        var s = await Ib.GetSummaryAsync(pupil, id);

        Assert.Equal((id, pupil, "Fenna Nieuw", new DateOnly(2018, 5, 1)), (s.ReferralId, s.PupilId, s.PupilName, s.DateOfBirth));
        using (var db = _database.CreateContext())
            Assert.Equal(db.Schools.Single(x => x.Id == school).Name, s.SchoolName);
        Assert.Equal("5", s.GroupName);
        Assert.Equal(3, s.SupportLevel);
        Assert.Equal(ReferralKind.ArrangementRequest, s.Kind);
        Assert.Equal("Welk arrangement helpt Fenna om weer met plezier naar school te gaan?", s.SupportQuestion);
        Assert.Contains("Een vaste plek dicht bij de juf.", s.TriedAndEffect, StringComparison.Ordinal);
        Assert.Equal("Voorspelbaarheid en een vaste begeleider.", s.EducationalNeeds);
        Assert.Equal("Ouders steunen de aanvraag.", s.ParentsView);
        Assert.Equal("Mevr. De Consulent", s.ConsultantName);
        Assert.Equal((_database.Today(), false, "Opgesteld op"), (s.Date, s.IsSubmitted, s.DateLabel));
        using (var db = _database.CreateContext())
            Assert.Equal(db.StaffMembers.Single(x => x.Login == Logins.CareCoordinator).DisplayName, s.DraftedBy);

        var everything = string.Join("\n", s.ToString(), string.Join("\n", ReferralSummaryLayout.Parts(s).Select(p => p.Text)),
            string.Join("\n", ReferralSummaryLayout.PupilRows(s).Select(r => r.Value)), string.Join("\n", ReferralSummaryLayout.RequestRows(s).Select(r => r.Value)));
        Assert.DoesNotContain("GEHEIM", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Bartholomeus", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("andere leerling", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_level_change_at_that_school_the_support_level_is_1()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherB);
        _database.SupportLevel(pupil, _database.SchoolId(Logins.SchoolA), 4, minutesAgo: 5);
        var id = await _database.DraftAsync(pupil);

        var s = await Ib.GetSummaryAsync(pupil, id);

        Assert.Equal(1, s.SupportLevel);
        Assert.Equal("1 · goed onderwijs voor iedereen", ReferralSummaryLayout.PupilRows(s)[4].Value);
    }

    [Fact]
    public async Task The_summary_is_a_concept_until_the_parents_consent_to_sharing_and_again_after_they_withdraw()
    {
        var (pupil, school, id) = await DraftWithFileAsync();

        var before = await Ib.GetSummaryAsync(pupil, id);
        var consent = _database.Consent(pupil, school, ConsentState.Given);
        await Ib.SubmitAsync(id, 0);
        var shared = await Ib.GetSummaryAsync(pupil, id);
        _database.WithdrawConsent(consent);
        var withdrawn = await Ib.GetSummaryAsync(pupil, id);

        Assert.True(before.IsConcept);
        Assert.False(shared.IsConcept);
        Assert.Equal((true, "Ingediend op", _database.Today()), (shared.IsSubmitted, shared.DateLabel, shared.Date));
        Assert.True(withdrawn.IsConcept);
        Assert.Equal("Concept — nog geen toestemming van de ouders om dit te delen met het samenwerkingsverband", ReferralSummary.ConceptText);
    }

    [Fact]
    public async Task Reading_the_summary_is_audited_as_an_export_and_the_pupils_teacher_may_read_it()
    {
        var (pupil, school, id) = await DraftWithFileAsync();

        await Ib.GetSummaryAsync(pupil, id);
        await _database.Referrals(Logins.TeacherA).ExportWordAsync(pupil, id);

        var exports = _database.AuditOf(PartnershipAuditActions.Export);
        Assert.Equal(["CareCoordinator", "Teacher"], exports.Select(a => a.Role));
        Assert.All(exports, a => Assert.Equal((id, pupil, school, AuditOutcome.Allowed), (a.RecordId!.Value, a.PupilId!.Value, a.SchoolId!.Value, a.Outcome)));
    }

    [Fact]
    public async Task A_referral_asked_for_under_another_pupils_id_is_refused()
    {
        var (_, _, id) = await DraftWithFileAsync();
        var other = _database.NewPupilIn(Logins.TeacherA, "Anderleerling");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Ib.GetSummaryAsync(other, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Ib.ExportWordAsync(other, id));

        var refusals = _database.AuditOf(PartnershipAuditActions.Export);
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, a => Assert.Equal(AuditOutcome.Refused, a.Outcome));
    }

    [Fact]
    public async Task The_Word_document_is_valid_Open_XML_with_headings_a_pupil_table_and_every_part()
    {
        var (pupil, _, id) = await DraftWithFileAsync();

        var file = await Ib.ExportWordAsync(pupil, id);

        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.ContentType);
        Assert.Equal($"verwijzing-{id}.docx", file.FileName);
        Assert.DoesNotContain("Fenna", file.FileName, StringComparison.Ordinal);
        using var document = WordprocessingDocument.Open(new MemoryStream(file.Content), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var body = document.MainDocumentPart!.Document!.Body!;

        var headings = body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "Title" or "Heading1" or "Heading2")
            .Select(p => (p.ParagraphProperties!.ParagraphStyleId!.Val!.Value, p.InnerText))
            .ToList();
        Assert.Equal(
        [
            ("Title", "Verwijzing naar het samenwerkingsverband"), ("Heading1", "Leerling"), ("Heading1", "Aanvraag"),
            ("Heading2", "Hulpvraag"), ("Heading2", "Wat is al geprobeerd en met welk effect"), ("Heading2", "Onderwijsbehoeften"),
            ("Heading2", "Visie van de ouders"),
        ], headings);
        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(st => st.StyleId?.Value).ToList();
        Assert.Superset(new HashSet<string?> { "Title", "Heading1", "Heading2" }, styles.ToHashSet());

        var table = Assert.Single(body.Elements<Table>());
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
        Assert.Equal(["Naam", "Fenna Nieuw"], rows[0]);
        Assert.Equal(["Geboortedatum", "1 mei 2018"], rows[1]);
        Assert.Equal("Groep", rows[3][0]);
        Assert.Equal("5", rows[3][1]);
        Assert.StartsWith("3 · ", rows[4][1], StringComparison.Ordinal);

        var text = body.InnerText;
        Assert.Contains("Welk arrangement helpt Fenna om weer met plezier naar school te gaan?", text, StringComparison.Ordinal);
        Assert.Contains("Een vaste plek dicht bij de juf.", text, StringComparison.Ordinal);
        Assert.Contains("Voorspelbaarheid en een vaste begeleider.", text, StringComparison.Ordinal);
        Assert.Contains("Ouders steunen de aanvraag.", text, StringComparison.Ordinal);
        Assert.Contains("Consulent / contactpersoon: Mevr. De Consulent", text, StringComparison.Ordinal);
        Assert.Contains("Soort aanvraag: Aanvraag arrangement", text, StringComparison.Ordinal);
        Assert.Contains(ReferralSummary.ConceptText, text, StringComparison.Ordinal);
        Assert.DoesNotContain("GEHEIM", text, StringComparison.Ordinal);
        // A line break in a text is a real break, not a lost newline.
        Assert.Contains(body.Descendants<Break>(), b => b.Parent is Run run && run.InnerText.Contains("Effect: iets rustiger", StringComparison.Ordinal));
        Assert.Equal("Verwijzing naar het samenwerkingsverband", document.PackageProperties.Title);
        Assert.DoesNotContain("Fenna", document.PackageProperties.Title ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Word_document_carries_no_concept_mark_once_sharing_is_allowed()
    {
        var (pupil, school, id) = await DraftWithFileAsync();
        _database.Consent(pupil, school, ConsentState.Given);

        var file = await Ib.ExportWordAsync(pupil, id);

        using var document = WordprocessingDocument.Open(new MemoryStream(file.Content), false);
        Assert.DoesNotContain("Concept", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_XML_cannot_carry_are_left_out_and_empty_parts_say_so()
    {
        var summary = new ReferralSummary(1, 2, "Naam\u0001 Leerling 😀", new DateOnly(2018, 1, 1), "School", null, 1, ReferralKind.Consultation,
            ReferralStatus.Draft, "Vraag\u0007?", null, "", null, null, new DateOnly(2026, 11, 24), false, "IB'er", false,
            new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc));

        var bytes = ReferralWordDocument.Build(summary);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("Naam Leerling 😀", text, StringComparison.Ordinal);
        Assert.Contains("Vraag?", text, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(text, ReferralSummaryLayout.NotFilledIn));
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
