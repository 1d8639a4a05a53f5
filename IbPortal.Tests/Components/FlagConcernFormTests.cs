using Bunit;
using Microsoft.Extensions.DependencyInjection;
using IbPortal.Concerns;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.Components;

public class FlagConcernFormTests : PortalComponentContext
{
    public FlagConcernFormTests() : base(Logins.TeacherA) { }

    [Fact]
    public void Submitting_an_empty_form_shows_the_Dutch_messages_for_the_three_required_fields_and_saves_nothing()
    {
        var before = Database.CreateContext().Concerns.Count();
        var submitted = false;
        var cut = Render<FlagConcernForm>(p => p.Add(f => f.OnSubmitted, (int _) => submitted = true));

        cut.Find("[data-testid=submit]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Kies de leerling die je wilt signaleren.", cut.Markup);
            Assert.Contains("Kies het gebied: cognitief, sociaal-emotioneel of beide.", cut.Markup);
            Assert.Contains("Beschrijf kort wat je ziet.", cut.Markup);
            Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=flag-error]").TextContent);
        });
        Assert.False(submitted);
        Assert.Equal(before, Database.CreateContext().Concerns.Count());
        Assert.Empty(Database.Events.Published);
    }

    [Fact]
    public void A_validation_error_keeps_everything_the_teacher_typed()
    {
        var pupilId = Database.PupilOf(Logins.TeacherA);
        var cut = Render<FlagConcernForm>(p => p.Add(f => f.PupilId, pupilId));
        cut.WaitForAssertion(() => Assert.Contains("groep 5", cut.Find("[data-testid=pupil] input").GetAttribute("value") ?? ""));

        cut.Find("[data-testid=since] input").Change("sinds de herfstvakantie");
        cut.Find("[data-testid=tried] textarea").Change("Extra instructie gegeven.");
        cut.Find("[data-testid=submit]").Click(); // no area, no observation

        cut.WaitForAssertion(() => Assert.Contains("Beschrijf kort wat je ziet.", cut.Markup));
        Assert.Equal("sinds de herfstvakantie", cut.Find("[data-testid=since] input").GetAttribute("value"));
        Assert.Equal("Extra instructie gegeven.", cut.Find("[data-testid=tried] textarea").TextContent.Trim());
        Assert.Contains("groep 5", cut.Find("[data-testid=pupil] input").GetAttribute("value"));
    }

    [Fact]
    public void A_save_whose_answer_was_lost_is_found_again_on_retry_not_stored_twice()
    {
        // The commit goes through, and then the form hears "database busy" (a lost answer): the teacher retries.
        var lostAnswer = new AnswerLostOnce();
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<IbPortal.Domain.Data.PortalDbContext>(Database.Options)
            .AddInterceptors(lostAnswer).Options;
        Services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<IbPortal.Domain.Data.PortalDbContext>>(new TestDatabase.ContextFactory(options));
        var observation = $"Zit in de pauze steeds alleen ({Guid.NewGuid():N}).";
        var pupilId = Database.PupilOf(Logins.TeacherA);
        var submitted = new List<int>();
        var cut = Render<FlagConcernForm>(p => p
            .Add(f => f.PupilId, pupilId)
            .Add(f => f.OnSubmitted, (int id) => submitted.Add(id)));
        cut.WaitForAssertion(() => Assert.Contains("groep 5", cut.Find("[data-testid=pupil] input").GetAttribute("value") ?? ""));
        cut.Find("[data-testid=area-social]").Click();
        cut.Find("[data-testid=observation] textarea").Input(observation);

        cut.Find("[data-testid=submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal(FlagConcernForm.BusyMessage, cut.Find("[data-testid=flag-error]").TextContent.Trim()));
        Assert.True(lostAnswer.Lost);
        Assert.Empty(submitted);
        Assert.Equal(observation, cut.Find("[data-testid=observation] textarea").TextContent.Trim());
        using (var db = Database.CreateContext())
            Assert.Single(db.Concerns.Where(c => c.Observation == observation)); // it was stored after all

        cut.Find("[data-testid=submit]").Click();

        cut.WaitForAssertion(() => Assert.Single(submitted));
        using (var db = Database.CreateContext())
            Assert.Equal(submitted[0], Assert.Single(db.Concerns.Where(c => c.Observation == observation)).Id);
    }

    /// <summary>Lets the first commit happen, then answers as if the database had been busy.</summary>
    private sealed class AnswerLostOnce : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        public bool Lost { get; private set; }

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction,
            Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Lost)
                return Task.CompletedTask;
            Lost = true;
            throw new Microsoft.Data.Sqlite.SqliteException("database is locked", 5);
        }
    }

    [Fact]
    public void Submitting_a_complete_form_saves_the_concern_publishes_it_and_reports_its_id()
    {
        var pupilId = Database.PupilOf(Logins.TeacherA);
        int? submittedId = null;
        var cut = Render<FlagConcernForm>(p => p
            .Add(f => f.PupilId, pupilId)
            .Add(f => f.OnSubmitted, (int id) => submittedId = id));
        cut.WaitForAssertion(() => Assert.Contains("groep 5", cut.Find("[data-testid=pupil] input").GetAttribute("value") ?? ""));

        cut.Find("[data-testid=area-social]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Welbevinden", cut.Find("[data-testid=subareas]").TextContent));
        cut.FindAll("[data-testid=subareas] .mud-chip").Single(c => c.TextContent.Contains("Welbevinden", StringComparison.Ordinal)).Click();
        cut.Find("[data-testid=observation] textarea").Input("Zit in de pauze steeds alleen.");
        cut.Find("[data-testid=urgency-worrying]").Click();
        cut.Find("[data-testid=submit]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(submittedId));
        using var db = Database.CreateContext();
        var concern = db.Concerns.Single(c => c.Id == submittedId);
        Assert.Equal(pupilId, concern.PupilId);
        Assert.Equal(DevelopmentArea.SocialEmotional, concern.Area);
        Assert.Equal(SubAreas.Wellbeing, concern.SubAreas);
        Assert.Equal("Zit in de pauze steeds alleen.", concern.Observation);
        Assert.Equal(Urgency.Worrying, concern.Urgency);
        Assert.Equal(Database.StaffId(Logins.TeacherA), concern.AuthorId);
        var published = Assert.IsType<ConcernChanged>(Assert.Single(Database.Events.Published));
        Assert.Equal(submittedId, published.ConcernId);
    }

    [Fact]
    public void A_pupil_of_another_school_cannot_be_preselected()
    {
        var otherPupil = Database.PupilAt(Logins.SchoolB);
        var cut = Render<FlagConcernForm>(p => p.Add(f => f.PupilId, otherPupil));

        cut.WaitForAssertion(() => Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=flag-error]").TextContent));
        Assert.Equal("", cut.Find("[data-testid=pupil] input").GetAttribute("value") ?? "");
    }
}
