using System.Globalization;
using System.Text.RegularExpressions;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IbPortal.Tests.Browser;

/// <summary>
/// The IB'er's work after a flag, in a real browser: flag → pupil discussion → plan with a quick win → consent
/// requested → consent given → external observation recorded; and the same observation refused without consent.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CareFlowBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_concern_is_walked_from_flag_to_discussion_plan_consent_and_an_external_observation()
    {
        var (pupilId, pupilName) = PupilWithoutCareRecords(skip: 0);
        var observation = "Browsertest " + Guid.NewGuid().ToString("N")[..8] + ": raakt de draad kwijt bij begrijpend lezen.";

        // 1. The teacher flags the pupil.
        var teacher = await fixture.SignedInPageAsync("leerkracht-a", $"/signaleren?leerling={pupilId}");
        await Assertions.Expect(teacher.GetByTestId("pupil").Locator("input")).ToHaveValueAsync(new Regex(Regex.Escape(pupilName)));
        await teacher.GetByTestId("area-cognitive").ClickAsync();
        await teacher.GetByTestId("observation").Locator("textarea").FillAsync(observation);
        await teacher.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("flag-confirmation")).ToContainTextAsync("De intern begeleider is op de hoogte.");

        // 2. The IB'er opens it on the dashboard and plans a pupil discussion from it; the concern is on the agenda.
        var ib = await fixture.SignedInPageAsync("ib", "/ib");
        var card = ib.Locator($"[data-testid=concern-card][data-concern-id='{LatestConcernOf(pupilId)}']");
        await card.ClickAsync();
        await Assertions.Expect(ib.GetByTestId("observation-text")).ToHaveTextAsync(observation);
        await ib.GetByTestId("concern-discuss").ClickAsync();
        await ib.GetByTestId("discussion-form").WaitForAsync();
        await Assertions.Expect(ib.GetByTestId("agenda-preview-from-concern")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(ib, "care-flow-1-schedule-discussion");
        await ib.GetByTestId("discussion-save").ClickAsync();
        await ib.WaitForURLAsync(new Regex(@"/besprekingen/\d+$"));
        var discussionUrl = ib.Url;

        // 3. Notes and a decision, then a plan from the discussion: quick win first, a goal with a review date, needs.
        await ib.GetByTestId("discussion-notes").Locator("textarea").FillAsync("Leest thuis weinig; in de klas haakt hij af bij lange teksten.");
        await ib.GetByTestId("discussion-decisions").Locator("textarea").FillAsync("Plan maken met een quick win; ouders om toestemming vragen voor een observatie.");
        await ib.GetByTestId("discussion-save-record").ClickAsync();
        await BrowserFixture.ScreenshotAsync(ib, "care-flow-2-discussion");
        await ib.GetByTestId($"discussion-make-plan-{pupilId}").ClickAsync();
        await ib.GetByTestId("plan-form").WaitForAsync();
        await Assertions.Expect(ib.GetByTestId("plan-discussion")).ToBeVisibleAsync();
        var quickWin = "Korte teksten in twee delen aanbieden, met een vraag na elk deel.";
        await ib.GetByTestId("plan-quickwin-0").Locator("textarea, input").First.FillAsync(quickWin);
        await ib.GetByTestId("plan-goal-0").Locator("textarea, input").First.FillAsync("Beantwoordt vier van de vijf vragen bij een tekst van AVI E5.");
        await ib.GetByTestId("plan-goal-review-0").Locator("input").FillAsync(DateTime.Today.AddDays(42).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ib.GetByTestId("plan-needs").Locator("textarea").FillAsync("Heeft korte teksten en een vraag per alinea nodig.");
        await BrowserFixture.ScreenshotAsync(ib, "care-flow-3-plan");
        await ib.GetByTestId("plan-save").ClickAsync();
        await ib.WaitForURLAsync(new Regex($@"/leerlingen/{pupilId}\?tab=ondersteuning$"));
        await Assertions.Expect(ib.GetByTestId("plan-quickwins")).ToContainTextAsync(quickWin);

        // 4. Consent: requested, then given by a parent with parental authority.
        await ib.GotoAsync($"/leerlingen/{pupilId}?tab=toestemming");
        var purpose = ib.GetByTestId("consent-external-expert");
        await Assertions.Expect(purpose).ToHaveAttributeAsync("data-status", "NotRequested");
        await ib.GetByTestId("consent-request-external-expert").ClickAsync();
        await Assertions.Expect(purpose).ToHaveAttributeAsync("data-status", "Requested");
        await ib.GetByTestId("consent-decide-external-expert").ClickAsync();
        await ib.GetByTestId("consent-guardian-option").First.ClickAsync();
        await ib.GetByTestId("consent-method-signedform").ClickAsync();
        await ib.GetByTestId("consent-give").ClickAsync();
        await Assertions.Expect(purpose).ToHaveAttributeAsync("data-status", "Given");

        // 5. The external expert's observation is recorded under that consent.
        var findings = "Werkt geconcentreerd bij korte opdrachten; verliest overzicht bij meer dan een alinea.";
        await FillObservationAsync(ib, findings);
        await ib.GetByTestId("expert-report-save").ClickAsync();
        await Assertions.Expect(ib.GetByTestId("expert-report").Filter(new LocatorFilterOptions { HasText = findings })).ToHaveCountAsync(1);
        await Assertions.Expect(ib.GetByTestId("consent-required")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ib, "care-flow-4-consent-and-observation");

        // 6. The pupil file tells the whole story in date order.
        await ib.GotoAsync($"/leerlingen/{pupilId}");
        var timeline = ib.GetByTestId("timeline");
        foreach (var kind in new[] { "Concern", "Discussion", "PlanStep", "Consent", "ExternalExpert" })
            await Assertions.Expect(timeline.Locator($"[data-kind={kind}]").First).ToBeVisibleAsync();
        await Assertions.Expect(timeline).ToContainTextAsync("Toestemming gegeven: Observatie of onderzoek door een externe deskundige");
        await BrowserFixture.ScreenshotAsync(ib, "care-flow-5-pupil-file");
        output.WriteLine($"Walked pupil {pupilId} through {discussionUrl}");
    }

    [Fact]
    public async Task An_observation_without_consent_is_refused_with_the_explanation_and_the_input_kept()
    {
        var (pupilId, _) = PupilWithoutCareRecords(skip: 1);
        var ib = await fixture.SignedInPageAsync("ib", $"/leerlingen/{pupilId}?tab=toestemming");
        var findings = "Deze observatie mag zonder toestemming niet worden vastgelegd.";

        await FillObservationAsync(ib, findings);
        await ib.GetByTestId("expert-report-save").ClickAsync();

        var alert = ib.GetByTestId("consent-required");
        await Assertions.Expect(alert).ToContainTextAsync("toestemming van de ouders nodig");
        await Assertions.Expect(alert).ToContainTextAsync("nog niet gevraagd");
        await Assertions.Expect(ib.GetByTestId("consent-required-request")).ToBeVisibleAsync();
        await Assertions.Expect(ib.GetByTestId("expert-report")).ToHaveCountAsync(0);
        await Assertions.Expect(ib.GetByTestId("expert-findings").Locator("textarea")).ToHaveValueAsync(findings);
        await BrowserFixture.ScreenshotAsync(ib, "care-observation-refused");

        // The alert offers the next step: requesting consent from here.
        await ib.GetByTestId("consent-required-request").ClickAsync();
        await Assertions.Expect(ib.GetByTestId("consent-external-expert")).ToHaveAttributeAsync("data-status", "Requested");
    }

    private static async Task FillObservationAsync(IPage page, string findings)
    {
        await page.GetByTestId("expert-kind-observation").ClickAsync();
        await page.GetByTestId("expert-name").Locator("input").FillAsync("Drs. A. Jansen");
        await page.GetByTestId("expert-role").Locator("input").FillAsync("orthopedagoog");
        await page.GetByTestId("expert-date").Locator("input").FillAsync(DateTime.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByTestId("expert-findings").Locator("textarea").FillAsync(findings);
    }

    private PortalDbContext AppDatabase() =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={fixture.App.DatabasePath}").Options);

    private int LatestConcernOf(int pupilId)
    {
        using var db = AppDatabase();
        return db.Concerns.AsNoTracking().Where(c => c.PupilId == pupilId).OrderByDescending(c => c.Id).Select(c => c.Id).First();
    }

    /// <summary>
    /// A pupil of teacher A's group (school VB) with guardians (one with parental authority) and no concern, consent,
    /// plan or discussion of its own yet, read from the app's database.
    /// </summary>
    private (int Id, string Name) PupilWithoutCareRecords(int skip)
    {
        using var db = AppDatabase();
        var candidates = db.Enrolments.AsNoTracking()
            .Where(e => e.Group!.Teachers.Any(t => t.StaffMember!.Login == "leerkracht-a"))
            .Select(e => e.PupilId)
            .Where(p => !db.Concerns.Any(c => c.PupilId == p) && !db.Consents.Any(c => c.PupilId == p)
                        && !db.SupportPlans.Any(s => s.PupilId == p) && !db.DiscussionPupils.Any(d => d.PupilId == p && d.Discussion!.Kind == Domain.Discussions.DiscussionKind.PupilDiscussion)
                        && db.Guardians.Any(g => g.PupilId == p && g.HasParentalAuthority))
            .OrderBy(p => p)
            .ToList();
        var id = candidates[skip];
        var pupil = db.Pupils.AsNoTracking().Single(p => p.Id == id);
        return (id, pupil.FullName);
    }
}
