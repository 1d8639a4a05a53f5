using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DomainTests;

/// <summary>Input validation: one Dutch message per field, nothing saved, nothing published.</summary>
public class ConcernValidationTests
{
    private static async Task<DomainValidationException> RejectedAsync(TestDatabase database, Func<NewConcern, NewConcern> change)
    {
        var concernsBefore = database.ConcernCount();
        var historyBefore = database.HistoryCount();
        var eventsBefore = database.Events.Published.Count;
        var input = change(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA)));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => database.Concerns(Logins.TeacherA).RaiseAsync(input));

        Assert.Equal(concernsBefore, database.ConcernCount());
        Assert.Equal(historyBefore, database.HistoryCount());
        Assert.Equal(eventsBefore, database.Events.Published.Count);
        return error;
    }

    [Fact]
    public async Task Concern_without_pupil_is_rejected_with_a_message_on_the_pupil_field()
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with { PupilId = null });

        var (field, message) = Assert.Single(error.Errors);
        Assert.Equal(nameof(NewConcern.PupilId), field);
        Assert.Equal("Kies de leerling die je wilt signaleren.", message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Concern_with_an_impossible_pupil_id_is_rejected_on_the_pupil_field(int pupilId)
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with { PupilId = pupilId });

        Assert.Equal([nameof(NewConcern.PupilId)], error.Errors.Keys);
    }

    [Fact]
    public async Task Concern_without_area_is_rejected_with_a_message_on_the_area_field()
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with { Area = null, SubAreas = SubAreas.None });

        var (field, message) = Assert.Single(error.Errors);
        Assert.Equal(nameof(NewConcern.Area), field);
        Assert.Equal("Kies het gebied: cognitief, sociaal-emotioneel of beide.", message);
    }

    [Fact]
    public async Task Concern_with_an_undefined_area_is_rejected()
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with { Area = (DevelopmentArea)42, SubAreas = SubAreas.None });

        Assert.Equal([nameof(NewConcern.Area)], error.Errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n ")]
    public async Task Concern_without_an_observation_is_rejected_with_a_dutch_message(string? observation)
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with { Observation = observation });

        var (field, message) = Assert.Single(error.Errors);
        Assert.Equal(nameof(NewConcern.Observation), field);
        Assert.Equal("Beschrijf kort wat je ziet.", message);
        Assert.Equal("Beschrijf kort wat je ziet.", error.Message);
    }

    [Fact]
    public async Task Observation_longer_than_the_maximum_is_rejected_and_the_message_says_how_long()
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with { Observation = new string('x', Concern.ObservationMaxLength + 1) });

        var (field, message) = Assert.Single(error.Errors);
        Assert.Equal(nameof(NewConcern.Observation), field);
        Assert.Contains("'Wat zie je?'", message, StringComparison.Ordinal);
        Assert.Contains($"hoogstens {Concern.ObservationMaxLength} tekens", message, StringComparison.Ordinal);
        Assert.Contains($"nu {Concern.ObservationMaxLength + 1}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observation_of_exactly_the_maximum_length_after_trimming_is_accepted()
    {
        using var database = new TestDatabase();
        var text = new string('x', Concern.ObservationMaxLength);
        var input = DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA)) with { Observation = "  " + text + "  " };

        var id = await database.Concerns(Logins.TeacherA).RaiseAsync(input);

        Assert.Equal(text, database.Stored(id).Observation);
    }

    [Fact]
    public async Task Since_and_already_tried_longer_than_their_maximum_are_rejected_on_their_fields()
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with
        {
            Since = new string('s', Concern.SinceMaxLength + 1),
            AlreadyTried = new string('t', Concern.AlreadyTriedMaxLength + 1),
        });

        Assert.Equal([nameof(NewConcern.AlreadyTried), nameof(NewConcern.Since)], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'Sinds wanneer?'", error.Errors[nameof(NewConcern.Since)], StringComparison.Ordinal);
        Assert.Contains("'Wat heb je al geprobeerd?'", error.Errors[nameof(NewConcern.AlreadyTried)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DevelopmentArea.Cognitive, SubAreas.Wellbeing)]
    [InlineData(DevelopmentArea.Cognitive, SubAreas.Reading | SubAreas.Behaviour)]
    [InlineData(DevelopmentArea.SocialEmotional, SubAreas.Maths)]
    [InlineData(DevelopmentArea.Both, (SubAreas)(1 << 20))]
    public async Task Sub_area_that_does_not_belong_to_the_area_is_rejected(DevelopmentArea area, SubAreas subAreas)
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with { Area = area, SubAreas = subAreas });

        var (field, message) = Assert.Single(error.Errors);
        Assert.Equal(nameof(NewConcern.SubAreas), field);
        Assert.Equal("Kies alleen deelgebieden die bij het gekozen gebied horen.", message);
    }

    [Fact]
    public async Task Area_both_accepts_sub_areas_of_both_kinds()
    {
        using var database = new TestDatabase();
        var input = DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA)) with
        {
            Area = DevelopmentArea.Both,
            SubAreas = SubAreas.Maths | SubAreas.Safety,
        };

        var id = await database.Concerns(Logins.TeacherA).RaiseAsync(input);

        Assert.Equal(SubAreas.Maths | SubAreas.Safety, database.Stored(id).SubAreas);
    }

    [Fact]
    public async Task Undefined_urgency_is_rejected()
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, c => c with { Urgency = (Urgency)0 });

        Assert.Equal([nameof(NewConcern.Urgency)], error.Errors.Keys);
    }

    [Fact]
    public async Task Several_problems_are_reported_together_one_message_per_field()
    {
        using var database = new TestDatabase();

        var error = await RejectedAsync(database, _ => new NewConcern { Observation = "   " });

        Assert.Equal(
            [nameof(NewConcern.Area), nameof(NewConcern.Observation), nameof(NewConcern.PupilId)],
            error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(error.Errors.Values, m => Assert.Contains(m, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validation_comes_before_access_so_an_invalid_concern_for_someone_elses_pupil_reveals_nothing_and_saves_nothing()
    {
        using var database = new TestDatabase();
        var before = database.ConcernCount();
        var input = DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherB)) with { Observation = "" };

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => database.Concerns(Logins.TeacherA).RaiseAsync(input));

        Assert.Equal([nameof(NewConcern.Observation)], error.Errors.Keys);
        Assert.Equal(before, database.ConcernCount());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Empty_note_next_step_or_reopen_reason_is_rejected_on_its_field(string? text)
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);

        var note = await Assert.ThrowsAsync<DomainValidationException>(() => ib.AddNoteAsync(id, 0, text));
        var step = await Assert.ThrowsAsync<DomainValidationException>(() => ib.SetNextStepAsync(id, 0, text));
        await ib.CloseAsync(id, 0, ConcernOutcome.NoActionNeeded, null);
        var reopen = await Assert.ThrowsAsync<DomainValidationException>(() => ib.ReopenAsync(id, 1, text));

        Assert.Equal("Schrijf eerst een notitie.", note.Errors["Note"]);
        Assert.Equal("Beschrijf de volgende stap.", step.Errors["NextStep"]);
        Assert.Equal("Schrijf waarom je de signalering heropent.", reopen.Errors["Reason"]);
        Assert.Equal(1, database.CurrentVersion(id));
        Assert.Equal(ConcernStatus.Closed, database.Stored(id).Status);
    }

    [Fact]
    public async Task Too_long_note_next_step_and_closing_remark_are_rejected_and_nothing_is_saved()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        var historyBefore = database.HistoryCount();

        var note = await Assert.ThrowsAsync<DomainValidationException>(() => ib.AddNoteAsync(id, 0, new string('n', Concern.NoteMaxLength + 1)));
        var step = await Assert.ThrowsAsync<DomainValidationException>(() => ib.SetNextStepAsync(id, 0, new string('s', Concern.NextStepMaxLength + 1)));
        var remark = await Assert.ThrowsAsync<DomainValidationException>(() =>
            ib.CloseAsync(id, 0, ConcernOutcome.ResolvedInClass, new string('r', Concern.NoteMaxLength + 1)));

        Assert.Contains($"hoogstens {Concern.NoteMaxLength} tekens", note.Errors["Note"], StringComparison.Ordinal);
        Assert.Contains($"hoogstens {Concern.NextStepMaxLength} tekens", step.Errors["NextStep"], StringComparison.Ordinal);
        Assert.True(remark.Errors.ContainsKey("Remark"));
        Assert.Equal(historyBefore, database.HistoryCount());
        Assert.Equal(0, database.CurrentVersion(id));
    }
}
