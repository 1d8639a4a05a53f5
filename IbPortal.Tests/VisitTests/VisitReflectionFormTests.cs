using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;

namespace IbPortal.Tests.VisitTests;

/// <summary>The reflection: the visited teacher writes and revises it; the IB'er reads it, with a clear state while it is not written.</summary>
public sealed class VisitReflectionFormTests : PortalComponentContext
{
    public VisitReflectionFormTests() : base(Logins.TeacherA) { }

    private IRenderedComponent<ReflectionForm> RenderFor(VisitDetail visit, Action? onChanged = null) =>
        Render<ReflectionForm>(p =>
        {
            p.Add(f => f.Visit, visit);
            if (onChanged is not null)
                p.Add(f => f.OnChanged, onChanged);
        });

    [Fact]
    public async Task The_visited_teacher_writes_the_reflection_and_it_is_saved()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        var changed = 0;
        var cut = RenderFor(await Database.Visits(Logins.TeacherA).GetAsync(id), () => changed++);

        cut.Find("[data-testid=reflection-WentWell] textarea").Change("De start van de les was rustig.");
        cut.Find("[data-testid=reflection-SupportNeeded] textarea").Change("Meekijken bij de verwerking.");
        cut.Find("[data-testid=reflection-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, changed));
        var stored = Database.StoredVisit(id);
        Assert.Equal(("De start van de les was rustig.", (string?)null, "Meekijken bij de verwerking."),
            (stored.ReflectionWentWell, stored.ReflectionToImprove, stored.ReflectionSupportNeeded));
    }

    [Fact]
    public async Task An_empty_reflection_gets_a_Dutch_message_and_nothing_is_saved()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        var cut = RenderFor(await Database.Visits(Logins.TeacherA).GetAsync(id));

        cut.Find("[data-testid=reflection-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Vul minstens één vraag in", cut.Find("[data-testid=reflection-WentWell]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=reflection-error]").TextContent, StringComparison.Ordinal);
        Assert.Null(Database.StoredVisit(id).ReflectedAt);
    }

    [Fact]
    public async Task A_saved_reflection_is_shown_for_revision_and_revising_it_keeps_the_new_text()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        await Database.Visits(Logins.TeacherA).SaveReflectionAsync(id, Database.VisitVersion(id), new ReflectionInput { WentWell = "Eerste versie" });
        var cut = RenderFor(await Database.Visits(Logins.TeacherA).GetAsync(id));

        Assert.Equal("Eerste versie", cut.Find("[data-testid=reflection-WentWell] textarea").TextContent.Trim());
        Assert.Contains("Reflectie bijwerken", cut.Find("[data-testid=reflection-save]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=reflection-ToImprove] textarea").Change("Kortere instructie");
        cut.Find("[data-testid=reflection-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Kortere instructie", Database.StoredVisit(id).ReflectionToImprove));
        Assert.Equal("Eerste versie", Database.StoredVisit(id).ReflectionWentWell);
    }

    [Fact]
    public async Task Before_the_observation_is_finished_the_teacher_is_told_when_they_can_write()
    {
        var id = await Database.PlanVisitAsync(Logins.TeacherA);

        var cut = RenderFor(await Database.Visits(Logins.TeacherA).GetAsync(id));

        Assert.Contains("zodra de intern begeleider de observatie heeft afgerond", cut.Find("[data-testid=reflection-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("textarea"));
    }

    [Fact]
    public async Task The_IBer_reads_the_reflection_without_fields_and_sees_a_clear_state_while_it_is_not_written()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        SignInAs(Logins.CareCoordinator);

        var before = RenderFor(await Database.Visits(Logins.CareCoordinator).GetAsync(id));
        Assert.Contains("Nog niet ingevuld", before.Find("[data-testid=reflection-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(before.FindAll("textarea"));
        Assert.Empty(before.FindAll("[data-testid=reflection-save]"));

        await Database.Visits(Logins.TeacherA).SaveReflectionAsync(id, Database.VisitVersion(id),
            new ReflectionInput { WentWell = "De kleine kring", SupportNeeded = "Tips voor de verwerking" });
        var after = RenderFor(await Database.Visits(Logins.CareCoordinator).GetAsync(id));

        var text = after.Find("[data-testid=reflection-text]").TextContent;
        Assert.Contains("De kleine kring", text, StringComparison.Ordinal);
        Assert.Contains("Tips voor de verwerking", text, StringComparison.Ordinal);
        Assert.Contains("Niet ingevuld.", text, StringComparison.Ordinal);
        Assert.Empty(after.FindAll("textarea"));
    }
}
