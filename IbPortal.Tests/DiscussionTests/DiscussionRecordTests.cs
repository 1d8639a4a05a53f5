using IbPortal.Domain.Access;
using IbPortal.Domain.Discussions;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>Recording a discussion: notes, decisions, the pupils' lines, held or cancelled, the agenda; concurrency.</summary>
public class DiscussionRecordTests
{
    [Fact]
    public async Task The_IBer_records_notes_decisions_and_the_group_overview_with_one_audit_entry_per_change()
    {
        using var database = new TestDatabase();
        var id = await database.ScheduleGroupDiscussionAsync(Logins.TeacherA, daysAhead: 0);
        var pupils = database.StoredDiscussion(id).Pupils.Select(p => p.PupilId).Order().ToList();
        var ib = database.Discussions(Logins.CareCoordinator);

        await ib.RecordAsync(id, 0, new DiscussionRecordInput
        {
            Notes = "  Rustige groep na de herfstvakantie.  ",
            Decisions = "Instructietafel voor rekenen.",
            Pupils =
            [
                new DiscussionPupilInput { PupilId = pupils[0], EducationalNeeds = "Korte instructie, dan zelf aan de slag", StimulatingFactors = "Sport", HinderingFactors = "Onrust in de klas" },
                new DiscussionPupilInput { PupilId = pupils[1], Notes = "Gaat goed" },
            ],
        });

        var stored = database.StoredDiscussion(id);
        Assert.Equal(("Rustige groep na de herfstvakantie.", "Instructietafel voor rekenen.", 1), (stored.Notes, stored.Decisions, stored.Version));
        var first = stored.Pupils.Single(p => p.PupilId == pupils[0]);
        Assert.Equal(("Korte instructie, dan zelf aan de slag", "Sport", "Onrust in de klas", (string?)null),
            (first.EducationalNeeds, first.StimulatingFactors, first.HinderingFactors, first.Notes));
        Assert.Equal("Gaat goed", stored.Pupils.Single(p => p.PupilId == pupils[1]).Notes);

        var changes = database.AuditOf(Logins.CareCoordinator).Where(a => a.RecordId == id && a.Action != DiscussionAuditActions.Schedule).ToList();
        Assert.Single(changes, c => c.Action == DiscussionAuditActions.Record && c.PupilId == null);
        Assert.Equal(pupils.Take(2), changes.Where(c => c.Action == DiscussionAuditActions.PupilOverview).Select(c => c.PupilId!.Value).Order());
    }

    [Fact]
    public async Task Saving_unchanged_input_changes_nothing_and_audits_nothing()
    {
        using var database = new TestDatabase();
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));
        var ib = database.Discussions(Logins.CareCoordinator);
        await ib.RecordAsync(id, 0, new DiscussionRecordInput { Notes = "Notitie" });
        var auditBefore = database.AuditOf(Logins.CareCoordinator).Count;

        await ib.RecordAsync(id, 1, new DiscussionRecordInput { Notes = "Notitie" });

        Assert.Equal(1, database.DiscussionVersion(id));
        Assert.Equal(auditBefore, database.AuditOf(Logins.CareCoordinator).Count);
    }

    [Fact]
    public async Task A_pupil_discussions_record_names_its_pupil_in_the_audit_trail()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);

        await database.Discussions(Logins.CareCoordinator).RecordAsync(id, 0, new DiscussionRecordInput { Decisions = "Plan maken" });

        Assert.Equal(pupil, Assert.Single(database.AuditOf(Logins.CareCoordinator), a => a.Action == DiscussionAuditActions.Record).PupilId);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_overwrites_nothing()
    {
        using var database = new TestDatabase();
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));
        var ib = database.Discussions(Logins.CareCoordinator);
        await ib.RecordAsync(id, 0, new DiscussionRecordInput { Notes = "Eerste versie" });

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            ib.RecordAsync(id, 0, new DiscussionRecordInput { Notes = "Tweede, verouderd" }));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ib.CancelAsync(id, 0));

        Assert.Contains("bespreking", conflict.Message, StringComparison.Ordinal);
        var stored = database.StoredDiscussion(id);
        Assert.Equal(("Eerste versie", 1, DiscussionStatus.Planned), (stored.Notes, stored.Version, stored.Status));
    }

    [Fact]
    public async Task Too_long_texts_get_a_Dutch_message_per_field_and_nothing_is_saved()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => database.Discussions(Logins.CareCoordinator).RecordAsync(id, 0,
            new DiscussionRecordInput
            {
                Notes = new string('a', Discussion.NotesMaxLength + 1),
                Pupils = [new DiscussionPupilInput { PupilId = pupil, HinderingFactors = new string('b', DiscussionPupil.TextMaxLength + 1) }],
            }));

        Assert.StartsWith("De aantekeningen mag hoogstens 8000 tekens", error.Errors[nameof(DiscussionRecordInput.Notes)], StringComparison.Ordinal);
        Assert.Contains("belemmerende factoren", error.Errors[DiscussionService.PupilField(pupil, nameof(DiscussionPupilInput.HinderingFactors))], StringComparison.Ordinal);
        Assert.Equal((null, 0), (database.StoredDiscussion(id).Notes, database.DiscussionVersion(id)));
    }

    [Fact]
    public async Task A_pupil_not_on_the_discussion_cannot_be_recorded()
    {
        using var database = new TestDatabase();
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));
        var other = database.NewPupilIn(Logins.TeacherA, "Ander");

        await Assert.ThrowsAsync<DomainValidationException>(() => database.Discussions(Logins.CareCoordinator).RecordAsync(id, 0,
            new DiscussionRecordInput { Pupils = [new DiscussionPupilInput { PupilId = other, Notes = "x" }] }));
        Assert.Equal(0, database.DiscussionVersion(id));
    }

    [Fact]
    public async Task Marking_held_sets_when_and_is_possible_from_the_day_itself()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var tomorrow = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 1);
        var ib = database.Discussions(Logins.CareCoordinator);

        var early = await Assert.ThrowsAsync<DomainException>(() => ib.MarkHeldAsync(tomorrow, 0));
        Assert.Equal("Deze bespreking staat gepland op wo 25 nov. Je kunt haar vanaf die dag als gehouden markeren.", early.Message);
        Assert.False((await ib.GetAsync(tomorrow)).CanMarkHeld);

        database.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await ib.GetAsync(tomorrow)).CanMarkHeld);
        await ib.MarkHeldAsync(tomorrow, 0);

        var stored = database.StoredDiscussion(tomorrow);
        Assert.Equal((DiscussionStatus.Held, database.Clock.GetUtcNow().UtcDateTime, 1), (stored.Status, stored.HeldAt!.Value, stored.Version));
        var again = await Assert.ThrowsAsync<DomainException>(() => ib.MarkHeldAsync(tomorrow, 1));
        Assert.Equal("Deze bespreking is al als gehouden gemarkeerd.", again.Message);
        Assert.Single(database.AuditOf(Logins.CareCoordinator), a => a.Action == DiscussionAuditActions.MarkHeld && a.PupilId == pupil);
    }

    [Fact]
    public async Task A_held_discussion_can_still_be_recorded_but_a_cancelled_one_cannot()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var held = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 0);
        var cancelled = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 3);
        var ib = database.Discussions(Logins.CareCoordinator);
        await ib.MarkHeldAsync(held, 0);
        await ib.CancelAsync(cancelled, 0);

        await ib.RecordAsync(held, 1, new DiscussionRecordInput { Notes = "Achteraf uitgewerkt" });
        var error = await Assert.ThrowsAsync<DomainException>(() => ib.RecordAsync(cancelled, 1, new DiscussionRecordInput { Notes = "x" }));
        var heldAgain = await Assert.ThrowsAsync<DomainException>(() => ib.MarkHeldAsync(cancelled, 1));

        Assert.Equal("Achteraf uitgewerkt", database.StoredDiscussion(held).Notes);
        Assert.Contains("geannuleerd", error.Message, StringComparison.Ordinal);
        Assert.Contains("geannuleerd", heldAgain.Message, StringComparison.Ordinal);
        var detail = await ib.GetAsync(cancelled);
        Assert.False(detail.CanRecord || detail.CanAddAgendaItems || detail.CanAddActionItems || detail.CanCancel);
        await Assert.ThrowsAsync<DomainException>(() => database.Agenda(Logins.CareCoordinator).AddItemAsync(cancelled, "x"));
    }

    [Fact]
    public async Task The_IBer_adds_edits_reorders_ticks_off_and_removes_agenda_items()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);
        var agenda = database.Agenda(Logins.CareCoordinator);

        var a = await agenda.AddItemAsync(id, "Eerste");
        var b = await agenda.AddItemAsync(id, "Tweede");
        var c = await agenda.AddItemAsync(id, "Derde");
        await agenda.UpdateItemAsync(id, b, "Tweede, aangevuld");
        await agenda.MoveItemAsync(id, c, -1);
        Assert.Equal([a, c, b], database.StoredDiscussion(id).Agenda.Select(i => i.Id));
        await agenda.MoveItemAsync(id, a, -1); // already first: no change
        await agenda.MoveItemAsync(id, b, 1);  // already last: no change
        await agenda.MoveItemAsync(id, a, 1);
        Assert.Equal([c, a, b], database.StoredDiscussion(id).Agenda.Select(i => i.Id));
        await agenda.SetItemDoneAsync(id, a, true);
        await agenda.RemoveItemAsync(id, b);

        var items = database.StoredDiscussion(id).Agenda;
        Assert.Equal(new (int, string, int, bool)[] { (c, "Derde", 1, false), (a, "Eerste", 2, true) },
            items.Select(i => (i.Id, i.Text, i.Position, i.IsDone)));
        var actions = database.AuditOf(Logins.CareCoordinator).Where(e => e.RecordId == id).Select(e => e.Action).ToList();
        Assert.Equal(3, actions.Count(x => x == DiscussionAuditActions.AgendaAdd));
        Assert.Single(actions, x => x == DiscussionAuditActions.AgendaEdit);
        Assert.Equal(2, actions.Count(x => x == DiscussionAuditActions.AgendaMove));
        Assert.Single(actions, x => x == DiscussionAuditActions.AgendaDone);
        Assert.Single(actions, x => x == DiscussionAuditActions.AgendaRemove);
        Assert.Equal(0, database.DiscussionVersion(id)); // agenda edits never clash with the record's version
    }

    [Fact]
    public async Task Agenda_text_is_required_and_limited_and_an_unknown_item_is_explained()
    {
        using var database = new TestDatabase();
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));
        var other = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA, "Ander"));
        var agenda = database.Agenda(Logins.CareCoordinator);
        var otherItem = await agenda.AddItemAsync(other, "Van een andere bespreking");

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => agenda.AddItemAsync(id, "   "));
        var tooLong = await Assert.ThrowsAsync<DomainValidationException>(() => agenda.AddItemAsync(id, new string('x', AgendaItem.TextMaxLength + 1)));
        var wrongPupil = await Assert.ThrowsAsync<DomainValidationException>(() => agenda.AddItemAsync(id, "Iets", database.NewPupilIn(Logins.TeacherA)));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => agenda.RemoveItemAsync(id, otherItem));

        Assert.Equal("Schrijf wat er besproken moet worden.", empty.Errors["Text"]);
        Assert.Contains("hoogstens 500 tekens", tooLong.Errors["Text"], StringComparison.Ordinal);
        Assert.True(wrongPupil.Errors.ContainsKey("PupilId"));
        Assert.Contains("bestaat niet meer", unknown.Message, StringComparison.Ordinal);
        Assert.Empty(database.StoredDiscussion(id).Agenda);
        Assert.Single(database.StoredDiscussion(other).Agenda);
    }
}
