using Bunit;
using IbPortal.Concerns;
using IbPortal.Dashboard;
using IbPortal.Domain.Concerns;
using IbPortal.Teachers;
using IbPortal.Tests.Support;
using Xunit.Abstractions;

namespace IbPortal.Tests.Components;

/// <summary>
/// Every free-text field of a concern, filled with each payload, renders as text on every page that shows it:
/// the concern detail, the IB'er dashboard and the teacher's "Mijn signaleringen".
/// </summary>
public sealed class XssTests(ITestOutputHelper output) : PortalComponentContext(Logins.CareCoordinator)
{
    /// <summary>The free-text fields a user can fill, and how to fill them on a fresh concern.</summary>
    private static readonly string[] Fields = ["observation", "since", "already tried", "note", "next step", "closing remark"];

    public static TheoryData<int> PayloadIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < XssPayloads.All.Length; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(PayloadIndexes))]
    public async Task Payload_in_every_free_text_field_stays_inert_on_every_page(int payloadIndex)
    {
        var payload = XssPayloads.All[payloadIndex];
        var (open, closed) = await ConcernsFilledWithAsync(payload);

        // The concern detail, as the IB'er (open and closed concern: every text is on one of them).
        foreach (var id in new[] { open, closed })
        {
            var detail = Render<ConcernDetailPanel>(p => p.Add(c => c.ConcernId, id));
            detail.WaitForAssertion(() => Assert.NotNull(detail.Find("[data-testid=concern-detail]")));
            XssPayloads.AssertInert(detail.Find("[data-testid=concern-detail]"));
            Assert.Contains(payload, detail.Find("[data-testid=concern-detail]").TextContent, StringComparison.Ordinal);
        }

        // The IB'er dashboard lists the open one.
        var dashboard = Render<CareDashboard>();
        dashboard.WaitForAssertion(() => Assert.NotEmpty(dashboard.FindAll("[data-testid=concern-card]")));
        foreach (var card in dashboard.FindAll("[data-testid=concern-card]"))
            XssPayloads.AssertInert(card);

    }

    [Theory]
    [MemberData(nameof(PayloadIndexes))]
    public async Task Payload_in_the_latest_note_stays_inert_in_the_teachers_own_list(int payloadIndex)
    {
        var payload = XssPayloads.All[payloadIndex];
        await ConcernsFilledWithAsync(payload);
        SignInAs(Logins.TeacherA);

        var page = Render<MyGroup>();

        page.WaitForAssertion(() => Assert.Contains(payload, page.Find("[data-testid=my-concerns]").TextContent, StringComparison.Ordinal));
        XssPayloads.AssertInert(page.Find("[data-testid=my-concerns]"));
    }

    [Fact]
    public void Fields_times_payloads_is_reported()
    {
        output.WriteLine($"Measured: XSS {XssPayloads.All.Length} payloads × {Fields.Length} free-text fields = {XssPayloads.All.Length * Fields.Length} combinations");
        Assert.Equal(6, Fields.Length);
    }

    /// <summary>Teacher A raises two concerns with the payload in every field; the IB'er notes, sets a next step and
    /// closes one of them with the payload as remark. Returns (open id, closed id).</summary>
    private async Task<(int Open, int Closed)> ConcernsFilledWithAsync(string payload)
    {
        var teacher = Database.Concerns(Logins.TeacherA);
        var ib = Database.Concerns(Logins.CareCoordinator);
        int Raise(int skip) => teacher.RaiseAsync(new NewConcern
        {
            PupilId = Database.PupilOf(Logins.TeacherA, skip),
            Area = DevelopmentArea.Both,
            Observation = payload,
            Since = payload,
            AlreadyTried = payload,
        }).GetAwaiter().GetResult();

        var open = Raise(1);
        await ib.AddNoteAsync(open, 0, payload);
        await ib.SetNextStepAsync(open, 1, payload);

        var closed = Raise(2);
        await ib.AddNoteAsync(closed, 0, payload);
        await ib.CloseAsync(closed, 1, ConcernOutcome.ResolvedInClass, payload);
        return (open, closed);
    }
}
