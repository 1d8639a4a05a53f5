using Bunit;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Teachers;
using IbPortal.Tests.Support;
using C = IbPortal.Tests.VisitTests.CoachingScenario;

namespace IbPortal.Tests.Components;

/// <summary>"Mijn groep", the teacher's home: a banner with the reflection that waits for them and their next classroom visit.</summary>
public class TeacherHomeCoachingTests : PortalComponentContext
{
    // The test clock: Tuesday 24 November 2026, 09:30 UTC (the test school zone is UTC).
    public TeacherHomeCoachingTests() : base(Logins.TeacherA) { }

    /// <summary>A teacher of their own, so that no seeded visit is theirs.</summary>
    private (int Id, int Group) NewTeacher(string login)
    {
        var group = C.CurrentGroupOf(Database, Logins.TeacherA);
        var id = C.AddTeacher(Database, login, Logins.SchoolA, group);
        SignInAs(login);
        return (id, group);
    }

    [Fact]
    public void A_reflection_to_write_and_the_next_visit_show_on_top_with_links()
    {
        var (teacher, group) = NewTeacher("juf.banner");
        var waiting = C.AddVisit(Database, teacher, group, C.At(Database, -6), VisitStatus.FeedbackGiven); // wo 18 nov, not reflected
        C.AddVisit(Database, teacher, group, C.At(Database, -13), VisitStatus.FeedbackGiven, reflected: true);
        C.AddVisit(Database, teacher, group, C.At(Database, 1, 9), VisitStatus.Cancelled);                   // cancelled: not the next one
        var next = C.AddVisit(Database, teacher, group, C.At(Database, 2));                                  // do 26 nov 10:00
        C.AddVisit(Database, teacher, group, C.At(Database, 9));

        var cut = Render<MyGroup>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=my-group-coaching]")));
        var reflection = cut.Find("[data-testid=my-group-reflection] a");
        Assert.Equal("Je klassenbezoek van wo 18 nov wacht op je reflectie", reflection.TextContent.Trim());
        Assert.Equal($"/bezoeken/{waiting}#reflectie", reflection.GetAttribute("href"));
        var visit = cut.Find("[data-testid=my-group-next-visit] a");
        Assert.Equal("Klassenbezoek do 26 nov 10:00", visit.TextContent.Trim());
        Assert.Equal($"/bezoeken/{next}", visit.GetAttribute("href"));
    }

    [Fact]
    public void Without_a_reflection_to_write_only_the_next_visit_shows()
    {
        var (teacher, group) = NewTeacher("juf.volgende");
        C.AddVisit(Database, teacher, group, C.At(Database, -6), VisitStatus.FeedbackGiven, reflected: true);
        C.AddVisit(Database, teacher, group, C.At(Database, 2));

        var cut = Render<MyGroup>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=my-group-next-visit]")));
        Assert.Empty(cut.FindAll("[data-testid=my-group-reflection]"));
    }

    [Fact]
    public void Without_visits_there_is_no_banner()
    {
        NewTeacher("juf.rustig");

        var cut = Render<MyGroup>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=teacher-group]")));
        Assert.Empty(cut.FindAll("[data-testid=my-group-coaching]"));
    }

    [Fact]
    public void Someone_without_the_teacher_role_gets_no_banner_and_no_refusal_in_the_audit()
    {
        var person = C.AddPerson(Database, "ib.zonder.groep", [(PortalRole.CareCoordinator, Logins.SchoolA)]);
        SignInAs("ib.zonder.groep");

        var cut = Render<MyGroup>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("h1")));
        Assert.Empty(cut.FindAll("[data-testid=my-group-coaching]"));
        using var db = Database.CreateContext();
        Assert.DoesNotContain(db.AuditEntries.Where(a => a.StaffMemberId == person).ToList(), a => a.Action == VisitAuditActions.MyCoaching);
    }
}
