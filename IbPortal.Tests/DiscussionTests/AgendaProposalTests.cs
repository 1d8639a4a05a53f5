using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>The proposed agenda as the IB'er gets it: previewed in the form, saved with the discussion.</summary>
public class AgendaProposalTests
{
    private static DateTime At(int month, int day) => new(2026, month, day, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Scheduling_saves_the_open_concerns_and_due_evaluations_as_the_agenda_and_leaves_out_the_rest()
    {
        using var database = new TestDatabase();
        database.CareOptions.DueWithinDays = 7;
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var date = database.Today().AddDays(2); // do 26 nov
        var open = database.AddConcern(pupil, DevelopmentArea.SocialEmotional, At(11, 17));
        database.AddConcern(pupil, DevelopmentArea.Cognitive, At(10, 1), ConcernStatus.Closed);
        database.AddConcern(pupil, DevelopmentArea.Cognitive, At(10, 2), schoolShortName: Logins.SchoolB);
        var due = database.AddPlanGoal(pupil, date.AddDays(7));
        database.AddPlanGoal(pupil, date.AddDays(8), "Buiten de horizon");
        database.AddPlanGoal(pupil, date, "Al bereikt", evaluations: (date.AddDays(-30), EvaluationResult.Achieved));
        database.AddPlanGoal(pupil, date, "Gesloten plan", SupportPlanStatus.Closed);
        database.AddPlanGoal(pupil, date, "Andere school", schoolShortName: Logins.SchoolB);

        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);

        var agenda = database.StoredDiscussion(id).Agenda;
        Assert.Equal(2, agenda.Count);
        Assert.Equal(("Signalering sociaal-emotioneel (di 17 nov)", AgendaSource.OpenConcern, open, 1),
            (agenda[0].Text, agenda[0].Source, agenda[0].ConcernId!.Value, agenda[0].Position));
        Assert.Equal(("Evaluatie doel: Leest AVI-E4 vlot (evalueren op do 3 dec)", AgendaSource.DueEvaluation, due, 2),
            (agenda[1].Text, agenda[1].Source, agenda[1].GoalId!.Value, agenda[1].Position));
        Assert.All(agenda, a => Assert.Equal(pupil, a.PupilId));
        Assert.All(agenda, a => Assert.False(a.IsDone));
    }

    [Fact]
    public async Task The_preview_shows_what_scheduling_saves()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        database.AddConcern(pupil, DevelopmentArea.Cognitive, At(11, 3));
        database.AddPlanGoal(pupil, database.Today().AddDays(5));
        var ib = database.Discussions(Logins.CareCoordinator);
        var draft = database.PupilDraft(Logins.TeacherA, pupil);

        var preview = await ib.ProposeAgendaAsync(draft);
        var id = await ib.ScheduleAsync(draft);

        Assert.Equal(2, preview.Count);
        Assert.Equal(preview.Select(p => (p.Text, p.Source, p.ConcernId, p.GoalId)),
            database.StoredDiscussion(id).Agenda.Select(a => (a.Text, a.Source, a.ConcernId, a.GoalId)));
    }

    [Fact]
    public async Task The_due_window_comes_from_the_care_options()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var draft = database.PupilDraft(Logins.TeacherA, pupil);
        database.AddPlanGoal(pupil, draft.Date!.Value.AddDays(10));
        var ib = database.Discussions(Logins.CareCoordinator);

        database.CareOptions.DueWithinDays = 9;
        Assert.Empty(await ib.ProposeAgendaAsync(draft));
        database.CareOptions.DueWithinDays = 10;
        Assert.Single(await ib.ProposeAgendaAsync(draft));
    }

    [Fact]
    public async Task A_group_discussion_proposes_the_open_concerns_of_every_pupil_in_the_group()
    {
        using var database = new TestDatabase();
        var first = database.NewPupilIn(Logins.TeacherA, "Anna");
        var second = database.NewPupilIn(Logins.TeacherA, "Bram");
        var c1 = database.AddConcern(first, DevelopmentArea.Cognitive, At(11, 2));
        var c2 = database.AddConcern(second, DevelopmentArea.SocialEmotional, At(11, 9));
        var ib = database.Discussions(Logins.CareCoordinator);

        var preview = await ib.ProposeAgendaAsync(new DiscussionDraft
        {
            Kind = DiscussionKind.GroupDiscussion,
            GroupId = database.GroupOf(Logins.TeacherA),
            Date = database.Today().AddDays(1),
        });

        Assert.Contains(preview, p => p.ConcernId == c1 && p.PupilId == first);
        Assert.Contains(preview, p => p.ConcernId == c2 && p.PupilId == second);
    }

    [Fact]
    public async Task A_pupil_discussion_preview_without_pupils_is_empty_and_without_a_date_uses_today()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        database.CareOptions.DueWithinDays = 0;
        database.AddPlanGoal(pupil, database.Today());
        var ib = database.Discussions(Logins.CareCoordinator);

        Assert.Empty(await ib.ProposeAgendaAsync(database.PupilDraft(Logins.TeacherA)));
        Assert.Single(await ib.ProposeAgendaAsync(database.PupilDraft(Logins.TeacherA, pupil) with { Date = null }));
    }
}
