using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Events;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>Teachers' support requests: asking, the IB'er's pick-up, answer, reopen, the teacher's withdrawal; audit and events.</summary>
public class SupportRequestServiceTests
{
    [Fact]
    public async Task A_teacher_asks_about_a_pupil_of_their_group_which_is_stored_audited_in_the_same_save_and_published_after()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var group = S.GroupOf(database, Logins.TeacherA);

        var id = await S.Requests(database, Logins.TeacherA).AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.Pupil,
            GroupId = group,
            PupilId = pupil,
            Question = "  Hoe help ik haar bij begrijpend lezen?  ",
        });

        var stored = S.Stored(database, id);
        var schoolA = database.SchoolId(Logins.SchoolA);
        var teacherA = database.StaffId(Logins.TeacherA);
        Assert.Equal((schoolA, teacherA, SupportTopic.Pupil, group, pupil, "Hoe help ik haar bij begrijpend lezen?", SupportRequestStatus.Open),
            (stored.SchoolId, stored.TeacherId, stored.Topic, stored.GroupId!.Value, stored.PupilId!.Value, stored.Question, stored.Status));
        Assert.Equal(S.Now(database), stored.CreatedAt);

        var entry = Assert.Single(S.AuditOf(database, Logins.TeacherA), a => a.Action == SupportRequestAuditActions.Ask);
        Assert.Equal((AuditRecordKind.SupportRequest, id, pupil, schoolA, nameof(PortalRole.Teacher), AuditOutcome.Allowed),
            (entry.RecordKind, entry.RecordId!.Value, entry.PupilId!.Value, entry.SchoolId!.Value, entry.Role, entry.Outcome));

        var published = Assert.IsType<SupportRequestChanged>(Assert.Single(database.Events.Published));
        Assert.Equal((id, schoolA, teacherA, SupportRequestChange.Asked), (published.RequestId, published.SchoolId, published.TeacherId, published.Change));
    }

    [Fact]
    public void The_support_request_event_carries_ids_and_codes_only()
    {
        var properties = typeof(SupportRequestChanged).GetProperties();
        Assert.All(properties, p => Assert.True(p.PropertyType == typeof(int) || p.PropertyType.IsEnum || p.PropertyType == typeof(DateTime),
            $"{p.Name} is a {p.PropertyType.Name}: an event must carry ids, not content."));
    }

    [Fact]
    public async Task A_question_about_the_group_or_own_practice_names_no_pupil_and_the_school_is_the_groups_or_the_teachers()
    {
        using var database = new TestDatabase();
        var groupId = await S.AskAboutGroupAsync(database);
        var own = await S.Requests(database, Logins.TeacherB).AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.OwnPractice,
            PupilId = database.PupilOf(Logins.TeacherB), // ignored: the question is not about a pupil
            Question = "Ik wil mijn instructie korter maken.",
        });

        var group = S.Stored(database, groupId);
        Assert.Equal((SupportTopic.Group, S.GroupOf(database, Logins.TeacherA), (int?)null, database.SchoolId(Logins.SchoolA)),
            (group.Topic, group.GroupId!.Value, group.PupilId, group.SchoolId));
        var practice = S.Stored(database, own);
        Assert.Equal((SupportTopic.OwnPractice, (int?)null, (int?)null, database.SchoolId(Logins.SchoolB)),
            (practice.Topic, practice.GroupId, practice.PupilId, practice.SchoolId));
        var audit = Assert.Single(S.AuditOf(database, Logins.TeacherB), a => a.Action == SupportRequestAuditActions.Ask);
        Assert.Null(audit.PupilId);
    }

    [Fact]
    public async Task Missing_input_gets_a_Dutch_message_per_field_and_nothing_is_saved_or_published()
    {
        using var database = new TestDatabase();
        var before = S.RequestCount(database);
        var service = S.Requests(database, Logins.TeacherA);

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => service.AskAsync(new NewSupportRequest()));
        Assert.Equal("Kies waar je hulp bij wilt: met een leerling, met de groep of met je eigen aanpak.", empty.Errors[nameof(NewSupportRequest.Topic)]);
        Assert.Equal("Schrijf je hulpvraag: waar loop je tegenaan, en wat zou je willen?", empty.Errors[nameof(NewSupportRequest.Question)]);

        var pupilTopic = await Assert.ThrowsAsync<DomainValidationException>(() => service.AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.Pupil,
            Question = "   ",
        }));
        Assert.Equal("Kies de groep waar je vraag over gaat.", pupilTopic.Errors[nameof(NewSupportRequest.GroupId)]);
        Assert.Equal("Kies de leerling waar je vraag over gaat.", pupilTopic.Errors[nameof(NewSupportRequest.PupilId)]);
        Assert.True(pupilTopic.Errors.ContainsKey(nameof(NewSupportRequest.Question)));

        var groupTopic = await Assert.ThrowsAsync<DomainValidationException>(() => service.AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.Group,
            Question = new string('x', TeacherSupportRequest.QuestionMaxLength + 1),
        }));
        Assert.Equal(["GroupId", "Question"], groupTopic.Errors.Keys.Order());
        Assert.Contains($"hoogstens {TeacherSupportRequest.QuestionMaxLength} tekens", groupTopic.Errors[nameof(NewSupportRequest.Question)], StringComparison.Ordinal);

        Assert.Equal(before, S.RequestCount(database));
        Assert.Empty(database.Events.Published);
        Assert.DoesNotContain(S.AuditOf(database, Logins.TeacherA), a => a.Action == SupportRequestAuditActions.Ask);
    }

    [Fact]
    public async Task The_pupil_must_be_enrolled_in_that_group_today()
    {
        using var database = new TestDatabase();
        var otherPupil = database.PupilAt(Logins.SchoolA, notTaughtBy: Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => S.Requests(database, Logins.TeacherA).AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.Pupil,
            GroupId = S.GroupOf(database, Logins.TeacherA),
            PupilId = otherPupil,
            Question = "Hoe pak ik dit aan?",
        }));

        Assert.Equal("Deze leerling zit vandaag niet in deze groep. Kies een leerling uit de groep.", Assert.Single(ex.Errors).Value);
    }

    [Fact]
    public async Task A_teacher_at_two_schools_chooses_the_school_for_a_question_about_their_own_practice()
    {
        using var database = new TestDatabase();
        S.AddStaff(database, "twee-scholen", [(PortalRole.Teacher, Logins.SchoolA), (PortalRole.Teacher, Logins.SchoolB)]);
        var service = S.Requests(database, "twee-scholen");

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => service.AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.OwnPractice,
            Question = "Klassenmanagement in een combinatiegroep.",
        }));
        Assert.Equal("Je werkt op meer dan één school. Kies de school waar je vraag over gaat.", ex.Errors[nameof(NewSupportRequest.SchoolId)]);

        var id = await service.AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.OwnPractice,
            SchoolId = database.SchoolId(Logins.SchoolB),
            Question = "Klassenmanagement in een combinatiegroep.",
        });
        Assert.Equal(database.SchoolId(Logins.SchoolB), S.Stored(database, id).SchoolId);

        var options = await service.GetAskOptionsAsync();
        Assert.Equal(2, options.Schools.Count);
        Assert.Empty(options.Groups);
    }

    [Fact]
    public async Task The_ask_options_are_the_teachers_groups_with_the_pupils_enrolled_today()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA, "Vandaaginschrijving");

        var options = await S.Requests(database, Logins.TeacherA).GetAskOptionsAsync();

        var group = Assert.Single(options.Groups);
        Assert.Equal(S.GroupOf(database, Logins.TeacherA), group.GroupId);
        Assert.Contains(group.Pupils, p => p.PupilId == pupil && p.FullName == "Vandaaginschrijving Nieuw");
        var seeded = database.PupilOf(Logins.TeacherA);
        Assert.Contains(group.Pupils, p => p.PupilId == seeded);
        Assert.Equal(Logins.SchoolA, Assert.Single(options.Schools).ShortName);
    }

    [Fact]
    public async Task Asking_about_a_group_the_teacher_does_not_teach_is_refused_and_audited()
    {
        using var database = new TestDatabase();
        var before = S.RequestCount(database);

        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, Logins.TeacherA).AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.Group,
            GroupId = S.OtherGroupAt(database, Logins.SchoolA, Logins.TeacherA),
            Question = "Hoe gaat het in de buurgroep?",
        }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, Logins.TeacherA).AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.OwnPractice,
            SchoolId = database.SchoolId(Logins.SchoolB),
            Question = "Mag ik op de andere school iets vragen?",
        }));

        Assert.Equal(2, S.Refusals(database, Logins.TeacherA));
        Assert.Equal(before, S.RequestCount(database));
        Assert.Empty(database.Events.Published);
    }

    [Theory]
    [InlineData(Logins.CareCoordinator)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    public async Task Only_a_teacher_asks_for_support(string login)
    {
        using var database = new TestDatabase();

        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, login).AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.OwnPractice,
            Question = "Ik wil ook hulp.",
        }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, login).GetAskOptionsAsync());

        Assert.Equal(2, S.Refusals(database, login));
    }

    [Fact]
    public async Task The_asking_teacher_and_the_IBer_of_the_school_see_a_request_and_nobody_else()
    {
        using var database = new TestDatabase();
        var (id, pupil) = await S.AskAboutPupilAsync(database);
        var colleagueGroup = S.OtherGroupAt(database, Logins.SchoolA, Logins.TeacherA);
        S.AddStaff(database, "collega-a", [(PortalRole.Teacher, Logins.SchoolA)], colleagueGroup);
        S.AddStaff(database, "ib-ha", [(PortalRole.CareCoordinator, Logins.SchoolB)]);

        foreach (var login in new[] { Logins.TeacherA, Logins.CareCoordinator })
        {
            Assert.Contains(await S.Requests(database, login).ListAsync(new SupportRequestQuery()), r => r.Id == id);
            Assert.Equal(id, (await S.Requests(database, login).GetAsync(id)).Id);
            Assert.NotNull(await S.Requests(database, login).FindSummaryAsync(id));
        }
        foreach (var login in new[] { "collega-a", "ib-ha", Logins.TeacherB })
        {
            Assert.DoesNotContain(await S.Requests(database, login).ListAsync(new SupportRequestQuery()), r => r.Id == id);
            var refusalsBefore = S.Refusals(database, login);
            await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, login).GetAsync(id));
            Assert.Equal(refusalsBefore + 1, S.Refusals(database, login));
            Assert.Null(await S.Requests(database, login).FindSummaryAsync(id));
            Assert.Equal(refusalsBefore + 1, S.Refusals(database, login)); // the live path returns null without a refusal
        }
        foreach (var login in new[] { Logins.SchoolLeaderA, Logins.Quality, Logins.Administrator, Logins.PrivacyOfficer })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, login).ListAsync(new SupportRequestQuery()));
            await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, login).GetAsync(id));
        }

        var reads = S.AuditOf(database, Logins.CareCoordinator).Where(a => a.Action == SupportRequestAuditActions.Read).ToList();
        Assert.Single(reads); // GetAsync audits a read; FindSummaryAsync (a live row refresh) does not
        Assert.All(reads, r => Assert.Equal((id, pupil, nameof(PortalRole.CareCoordinator)), (r.RecordId!.Value, r.PupilId!.Value, r.Role)));
    }

    [Fact]
    public async Task A_teacher_who_no_longer_holds_the_teacher_role_at_the_school_no_longer_sees_their_request()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        using (var db = database.CreateContext())
        {
            var teacherId = database.StaffId(Logins.TeacherA);
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.StaffMemberId == teacherId));
            db.RoleAssignments.Add(new RoleAssignment { StaffMemberId = teacherId, Role = PortalRole.Teacher, SchoolId = database.SchoolId(Logins.SchoolB) });
            db.SaveChanges();
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, Logins.TeacherA).GetAsync(id));
    }

    [Fact]
    public async Task The_list_shows_open_first_then_in_progress_then_closed_newest_first_with_filters_and_is_audited_once()
    {
        using var database = new TestDatabase();
        S.CloseAllRequests(database);
        var ib = S.Requests(database, Logins.CareCoordinator);
        var first = await S.AskAboutGroupAsync(database, question: "Eerste vraag");
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await S.AskAboutGroupAsync(database, question: "Tweede vraag");
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        var third = await S.AskAboutGroupAsync(database, Logins.TeacherB, "Derde vraag");
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        var closed = await S.AskAboutGroupAsync(database, question: "Vierde vraag");
        await ib.PickUpAsync(first, 0);
        await ib.CloseAsync(closed, 0, "Besproken in de pauze.");
        var auditBefore = S.AuditOf(database, Logins.CareCoordinator).Count(a => a.Action == SupportRequestAuditActions.List);

        var all = (await ib.ListAsync(new SupportRequestQuery())).Where(r => r.Id is var i && new[] { first, second, third, closed }.Contains(i)).ToList();

        Assert.Equal([third, second, first, closed], all.Select(r => r.Id));
        var row = all.Single(r => r.Id == second);
        Assert.Equal(("Tweede vraag", "Mark Hofstede", "5", Logins.SchoolA, SupportRequestStatus.Open),
            (row.QuestionExcerpt, row.TeacherName, row.GroupName, row.SchoolShortName, row.Status));
        Assert.Equal("Besproken in de pauze.", all.Single(r => r.Id == closed).Response);
        Assert.Equal(auditBefore + 1, S.AuditOf(database, Logins.CareCoordinator).Count(a => a.Action == SupportRequestAuditActions.List));

        var onlyB = await ib.ListAsync(new SupportRequestQuery { SchoolIds = [database.SchoolId(Logins.SchoolB)] });
        Assert.Contains(onlyB, r => r.Id == third);
        Assert.All(onlyB, r => Assert.Equal(database.SchoolId(Logins.SchoolB), r.SchoolId));
        var inProgress = await ib.ListAsync(new SupportRequestQuery { Status = SupportRequestStatus.InProgress });
        Assert.Equal([first], inProgress.Select(r => r.Id));
        var unfinished = await ib.ListAsync(new SupportRequestQuery { OnlyUnfinished = true });
        Assert.DoesNotContain(unfinished, r => r.Id == closed);
        Assert.Contains(unfinished, r => r.Id == first);

        var mine = await S.Requests(database, Logins.TeacherA).ListAsync(new SupportRequestQuery());
        Assert.All(mine, r => Assert.Equal(database.StaffId(Logins.TeacherA), r.TeacherId));
        Assert.DoesNotContain(mine, r => r.Id == third);
    }

    [Fact]
    public async Task A_long_question_shows_as_a_one_line_excerpt_in_lists_and_in_full_in_the_detail()
    {
        using var database = new TestDatabase();
        var question = "Regel een\n" + new string('a', 300);
        var (id, _) = await S.AskAboutPupilAsync(database, question: question);

        var summary = (await S.Requests(database, Logins.CareCoordinator).ListAsync(new SupportRequestQuery())).Single(r => r.Id == id);
        var detail = await S.Requests(database, Logins.CareCoordinator).GetAsync(id);

        Assert.StartsWith("Regel een aaa", summary.QuestionExcerpt, StringComparison.Ordinal);
        Assert.EndsWith("…", summary.QuestionExcerpt, StringComparison.Ordinal);
        Assert.True(summary.QuestionExcerpt.Length <= 141);
        Assert.Equal(question, detail.Question);
    }

    [Fact]
    public async Task The_IBer_picks_a_request_up_which_raises_its_version_is_audited_and_published()
    {
        using var database = new TestDatabase();
        var (id, pupil) = await S.AskAboutPupilAsync(database);
        database.Events.Published.Clear();
        database.Clock.Advance(TimeSpan.FromMinutes(3));

        var version = await S.Requests(database, Logins.CareCoordinator).PickUpAsync(id, 0);

        var stored = S.Stored(database, id);
        Assert.Equal((1, 1, SupportRequestStatus.InProgress, S.Now(database), database.StaffId(Logins.CareCoordinator)),
            (version, stored.Version, stored.Status, stored.PickedUpAt!.Value, stored.PickedUpById!.Value));
        var entry = Assert.Single(S.AuditOf(database, Logins.CareCoordinator), a => a.Action == SupportRequestAuditActions.PickUp);
        Assert.Equal((id, pupil, database.SchoolId(Logins.SchoolA), nameof(PortalRole.CareCoordinator)),
            (entry.RecordId!.Value, entry.PupilId!.Value, entry.SchoolId!.Value, entry.Role));
        var published = Assert.IsType<SupportRequestChanged>(Assert.Single(database.Events.Published));
        Assert.Equal((id, SupportRequestChange.PickedUp), (published.RequestId, published.Change));

        var again = await Assert.ThrowsAsync<DomainException>(() => S.Requests(database, Logins.CareCoordinator).PickUpAsync(id, 1));
        Assert.Equal("Deze hulpvraag is al opgepakt.", again.Message);
    }

    [Fact]
    public async Task The_teacher_cannot_pick_up_close_or_reopen_their_own_request()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        var teacher = S.Requests(database, Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.PickUpAsync(id, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.CloseAsync(id, 0, "Zelf opgelost."));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.ReopenAsync(id, 0));

        Assert.Equal(3, S.Refusals(database, Logins.TeacherA));
        Assert.Equal((SupportRequestStatus.Open, 0), (S.Stored(database, id).Status, S.Stored(database, id).Version));
    }

    [Fact]
    public async Task The_IBer_of_the_other_school_cannot_pick_up()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        S.AddStaff(database, "ib-ha", [(PortalRole.CareCoordinator, Logins.SchoolB)]);

        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, "ib-ha").PickUpAsync(id, 0));

        Assert.Equal(1, S.Refusals(database, "ib-ha"));
        Assert.Equal(SupportRequestStatus.Open, S.Stored(database, id).Status);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_nothing_changes()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        var ib = S.Requests(database, Logins.CareCoordinator);
        await ib.PickUpAsync(id, 0);
        database.Events.Published.Clear();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ib.CloseAsync(id, 0, "Opgelost."));

        var stored = S.Stored(database, id);
        Assert.Equal((SupportRequestStatus.InProgress, 1, (string?)null), (stored.Status, stored.Version, stored.Response));
        Assert.Empty(database.Events.Published);
        Assert.DoesNotContain(S.AuditOf(database, Logins.CareCoordinator), a => a.Action == SupportRequestAuditActions.Close);
    }

    [Fact]
    public async Task Closing_needs_an_answer_for_the_teacher_who_then_reads_it()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        var ib = S.Requests(database, Logins.CareCoordinator);

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => ib.CloseAsync(id, 0, "  "));
        Assert.Equal("Schrijf kort wat je hebt afgesproken of gedaan; de leerkracht leest dit.", empty.Errors["Response"]);
        var tooLong = await Assert.ThrowsAsync<DomainValidationException>(() =>
            ib.CloseAsync(id, 0, new string('x', TeacherSupportRequest.ResponseMaxLength + 1)));
        Assert.True(tooLong.Errors.ContainsKey("Response"));
        Assert.Equal(SupportRequestStatus.Open, S.Stored(database, id).Status);

        database.Events.Published.Clear();
        await ib.CloseAsync(id, 0, " We hebben een kijkwijzer voor de leeshoek afgesproken. ");

        var stored = S.Stored(database, id);
        Assert.Equal((SupportRequestStatus.Closed, "We hebben een kijkwijzer voor de leeshoek afgesproken.", database.StaffId(Logins.CareCoordinator)),
            (stored.Status, stored.Response, stored.ClosedById!.Value));
        Assert.Equal(SupportRequestChange.Closed, Assert.IsType<SupportRequestChanged>(Assert.Single(database.Events.Published)).Change);
        Assert.Single(S.AuditOf(database, Logins.CareCoordinator), a => a.Action == SupportRequestAuditActions.Close);

        var mine = (await S.Requests(database, Logins.TeacherA).GetAsync(id)).Summary;
        Assert.Equal(("We hebben een kijkwijzer voor de leeshoek afgesproken.", false), (mine.Response, mine.IsWithdrawn));
    }

    [Fact]
    public async Task The_IBer_reopens_a_closed_request_which_is_in_progress_again()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        var ib = S.Requests(database, Logins.CareCoordinator);
        var v = await ib.CloseAsync(id, 0, "Afgesproken: samen observeren.");

        var reopened = await ib.ReopenAsync(id, v);
        var notClosed = await Assert.ThrowsAsync<DomainException>(() => ib.ReopenAsync(id, reopened));

        Assert.Equal("Deze hulpvraag is niet afgesloten.", notClosed.Message);
        var stored = S.Stored(database, id);
        Assert.Equal((SupportRequestStatus.InProgress, (DateTime?)null, (int?)null), (stored.Status, stored.ClosedAt, stored.ClosedById));
        Assert.Single(S.AuditOf(database, Logins.CareCoordinator), a => a.Action == SupportRequestAuditActions.Reopen);
        Assert.Contains(database.Events.Published, e => e is SupportRequestChanged { Change: SupportRequestChange.Reopened } c && c.RequestId == id);
    }

    [Fact]
    public async Task The_teacher_withdraws_their_request_while_it_is_open_and_it_cannot_be_reopened()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        var version = await S.Requests(database, Logins.TeacherA).WithdrawAsync(id, 0);

        var stored = S.Stored(database, id);
        Assert.Equal((1, SupportRequestStatus.Closed, database.StaffId(Logins.TeacherA)), (version, stored.Status, stored.ClosedById!.Value));
        var detail = await S.Requests(database, Logins.CareCoordinator).GetAsync(id);
        Assert.True(detail.Summary.IsWithdrawn);
        Assert.Equal("Ingetrokken", detail.Summary.StatusLabel());
        Assert.False(detail.CanReopen);
        var withdrawn = Assert.Single(S.AuditOf(database, Logins.TeacherA), a => a.Action == SupportRequestAuditActions.Withdraw);
        Assert.Equal(nameof(PortalRole.Teacher), withdrawn.Role);
        Assert.Contains(database.Events.Published, e => e is SupportRequestChanged { Change: SupportRequestChange.Withdrawn } c && c.RequestId == id);

        var reopen = await Assert.ThrowsAsync<DomainException>(() => S.Requests(database, Logins.CareCoordinator).ReopenAsync(id, 1));
        Assert.Contains("ingetrokken", reopen.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_picked_up_a_request_can_no_longer_be_withdrawn_and_only_its_teacher_may_withdraw()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        var colleagueGroup = S.OtherGroupAt(database, Logins.SchoolA, Logins.TeacherA);
        S.AddStaff(database, "collega-a", [(PortalRole.Teacher, Logins.SchoolA)], colleagueGroup);

        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, Logins.CareCoordinator).WithdrawAsync(id, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Requests(database, "collega-a").WithdrawAsync(id, 0));
        Assert.Equal(1, S.Refusals(database, Logins.CareCoordinator));
        Assert.Equal(1, S.Refusals(database, "collega-a"));

        await S.Requests(database, Logins.CareCoordinator).PickUpAsync(id, 0);
        var ex = await Assert.ThrowsAsync<DomainException>(() => S.Requests(database, Logins.TeacherA).WithdrawAsync(id, 1));
        Assert.Contains("al opgepakt", ex.Message, StringComparison.Ordinal);
        Assert.Equal(SupportRequestStatus.InProgress, S.Stored(database, id).Status);
    }

    [Fact]
    public async Task Visits_and_goals_that_answer_a_request_are_linked_in_the_list_and_the_detail()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        var visit = S.AddVisit(database, Logins.TeacherA, S.Now(database).AddDays(2), supportRequestId: id);
        S.AddVisit(database, Logins.TeacherA, S.Now(database).AddDays(3)); // not from this request

        var goal = await database.Service<CoachingGoalService>(Logins.CareCoordinator).AddAsync(new NewCoachingGoal
        {
            SupportRequestId = id,
            Description = "Ik laat leerlingen hardop denken bij begrijpend lezen.",
        });

        // Agreeing a goal picks the request up (the lead's CoachingGoalService).
        Assert.Equal(SupportRequestStatus.InProgress, S.Stored(database, id).Status);
        foreach (var login in new[] { Logins.CareCoordinator, Logins.TeacherA })
        {
            var summary = (await S.Requests(database, login).ListAsync(new SupportRequestQuery())).Single(r => r.Id == id);
            Assert.Equal([visit], summary.VisitIds);
            Assert.Equal([goal], summary.GoalIds);
            var detail = await S.Requests(database, login).GetAsync(id);
            var link = Assert.Single(detail.Visits);
            Assert.Equal((visit, VisitStage.Planned), (link.VisitId, link.Stage));
            Assert.Equal("Ik laat leerlingen hardop denken bij begrijpend lezen.", Assert.Single(detail.Goals).Description);
        }
    }

    [Fact]
    public async Task What_the_detail_allows_follows_the_reader_and_the_status()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);

        var asTeacher = await S.Requests(database, Logins.TeacherA).GetAsync(id);
        var asIber = await S.Requests(database, Logins.CareCoordinator).GetAsync(id);

        Assert.Equal((false, true, false, false), (asTeacher.CanManage, asTeacher.CanWithdraw, asTeacher.CanPickUp, asTeacher.CanClose));
        Assert.Equal((true, false, true, true, true, false), (asIber.CanManage, asIber.CanWithdraw, asIber.CanPickUp, asIber.CanClose, asIber.CanAddGoal, asIber.CanReopen));

        await S.Requests(database, Logins.CareCoordinator).CloseAsync(id, 0, "Gesproken na schooltijd.");
        var closed = await S.Requests(database, Logins.CareCoordinator).GetAsync(id);
        Assert.Equal((false, false, false, true), (closed.CanPickUp, closed.CanClose, closed.CanPlanVisit, closed.CanReopen));
        Assert.False((await S.Requests(database, Logins.TeacherA).GetAsync(id)).CanWithdraw);
    }
}
