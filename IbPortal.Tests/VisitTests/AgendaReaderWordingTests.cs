using System.Globalization;
using Bunit;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>The agenda written for its reader: the IB'er reads the teacher, the visited teacher reads the IB'er and "Klassenbezoek bij jou".</summary>
public class AgendaReaderWordingTests
{
    // The test clock: Tuesday 24 November 2026, 09:30 UTC.
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static AgendaQuery Week => new() { From = Monday, To = Monday.AddDays(6) };

    private static string NameOf(TestDatabase database, string login)
    {
        using var db = database.CreateContext();
        return db.StaffMembers.Single(s => s.Login == login).DisplayName;
    }

    [Fact]
    public async Task The_teacher_reads_their_visit_as_Klassenbezoek_bij_jou_with_the_IBer_and_the_teachers_stage_words()
    {
        using var database = new TestDatabase();
        var observed = S.AddVisit(database, Logins.TeacherA, new DateTime(2026, 11, 23, 8, 30, 0, DateTimeKind.Utc), VisitStatus.Observed);
        var coordinator = NameOf(database, Logins.CareCoordinator);

        var teacher = (await S.Agenda(database, Logins.TeacherA).GetAsync(Week)).Entries.Single(e => e.IsVisit && e.Id == observed);
        var ib = (await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week)).Entries.Single(e => e.IsVisit && e.Id == observed);

        Assert.Equal((AgendaLabels.OwnVisitTitle, coordinator, VisitStageLabels.ForOthers(VisitStage.AwaitingFeedback), false),
            (teacher.Title, teacher.WithName, teacher.StatusLabel, teacher.AwaitsReader));
        Assert.Equal(("Mark Hofstede", "Mark Hofstede", "Nagesprek te doen", true),
            (ib.Title, ib.WithName, ib.StatusLabel, ib.AwaitsReader));
        Assert.Equal("Hofstede", ib.WithShortName);
    }

    [Fact]
    public async Task A_visit_awaiting_the_reflection_waits_for_the_teacher_not_for_the_IBer()
    {
        using var database = new TestDatabase();
        var visit = S.AddVisit(database, Logins.TeacherA, new DateTime(2026, 11, 23, 8, 30, 0, DateTimeKind.Utc), VisitStatus.FeedbackGiven);

        var teacher = (await S.Agenda(database, Logins.TeacherA).GetAsync(Week)).Entries.Single(e => e.IsVisit && e.Id == visit);
        var ib = (await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week)).Entries.Single(e => e.IsVisit && e.Id == visit);

        Assert.Equal(VisitStage.AwaitingReflection, teacher.Stage);
        Assert.True(teacher.AwaitsReader);
        Assert.False(ib.AwaitsReader);
    }

    [Fact]
    public async Task The_teacher_reads_their_discussion_with_the_IBers_name()
    {
        using var database = new TestDatabase();
        var id = await database.Service<DiscussionService>(Logins.CareCoordinator).ScheduleAsync(new DiscussionDraft
        {
            Kind = DiscussionKind.GroupDiscussion,
            GroupId = S.GroupOf(database, Logins.TeacherA),
            Date = new DateOnly(2026, 11, 26),
            Time = new TimeOnly(14, 15),
        });

        var teacher = (await S.Agenda(database, Logins.TeacherA).GetAsync(Week)).Entries.Single(e => !e.IsVisit && e.Id == id);
        var ib = (await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week)).Entries.Single(e => !e.IsVisit && e.Id == id);

        Assert.Equal(NameOf(database, Logins.CareCoordinator), teacher.WithName);
        Assert.Equal("Mark Hofstede", ib.WithName);
    }

    [Theory]
    [InlineData("Mark Hofstede", "Hofstede")]
    [InlineData("Ilse van der Berg", "van der Berg")]
    [InlineData("Cher", "Cher")]
    public void The_short_name_is_the_name_without_its_first_word(string name, string surname) =>
        Assert.Equal(surname, AgendaLabels.Surname(name));
}

/// <summary>The agenda page as the visited teacher and in the month grid.</summary>
public class AgendaReaderPageTests : PortalComponentContext
{
    public AgendaReaderPageTests() : base(Logins.CareCoordinator) { }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private void Open(string query) => Services.GetRequiredService<NavigationManager>().NavigateTo("/agenda" + query);

    [Fact]
    public void The_teachers_week_shows_the_IBer_not_their_own_name()
    {
        SignInAs(Logins.TeacherA);
        var visit = S.AddVisit(Database, Logins.TeacherA, new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc));
        string coordinator;
        using (var db = Database.CreateContext())
            coordinator = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).DisplayName;
        Open("?weergave=week&datum=2026-11-24");

        var cut = Render<AgendaPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=agenda-entry]")));
        var entry = cut.FindAll("[data-testid=agenda-entry]").Single(e => e.GetAttribute("data-entry-id") == Id(visit) && e.GetAttribute("data-kind") == "visit");
        Assert.Contains("Klassenbezoek bij jou", entry.TextContent, StringComparison.Ordinal);
        Assert.Equal($"met {coordinator} · Gepland", entry.QuerySelector("[data-testid=agenda-entry-detail]")!.TextContent.Trim());
        Assert.DoesNotContain("Mark Hofstede", entry.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_month_grid_shows_the_group_and_the_teachers_surname_with_a_stage_icon_when_the_visit_waits()
    {
        var due = S.AddVisit(Database, Logins.TeacherB, new DateTime(2026, 11, 23, 8, 30, 0, DateTimeKind.Utc), VisitStatus.Observed);
        var planned = S.AddVisit(Database, Logins.TeacherA, new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc));
        Open("?weergave=maand&datum=2026-11-24");

        var cut = Render<AgendaPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=agenda-month]")));
        var entries = cut.FindAll("[data-testid=agenda-month] [data-testid=agenda-entry]");
        var waiting = entries.Single(e => e.GetAttribute("data-entry-id") == Id(due) && e.GetAttribute("data-kind") == "visit");
        Assert.Equal("gr. 4/5 · Ouali", waiting.QuerySelector("[data-testid=agenda-entry-compact]")!.TextContent.Trim());
        Assert.NotNull(waiting.QuerySelector("[data-testid=agenda-entry-awaits]"));
        // The details in words for screen readers, not only in a tooltip.
        Assert.Contains("Klassenbezoek groep 4/5 met Samira Ouali", waiting.QuerySelector(".visually-hidden-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nagesprek te doen", waiting.QuerySelector(".visually-hidden-text")!.TextContent, StringComparison.Ordinal);
        var calm = entries.Single(e => e.GetAttribute("data-entry-id") == Id(planned) && e.GetAttribute("data-kind") == "visit");
        Assert.Equal("gr. 5 · Hofstede", calm.QuerySelector("[data-testid=agenda-entry-compact]")!.TextContent.Trim());
        Assert.Null(calm.QuerySelector("[data-testid=agenda-entry-awaits]"));
    }
}
