using IbPortal.Domain.Concerns;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;

namespace IbPortal.Domain.Data;

/// <summary>
/// Classroom visits and coaching of the demo board, so that every stage has an example: the kijkwijzer in two versions
/// (a finished visit scored with the first), visits planned (one as a follow-up, one from a concern, one from a support
/// request), one whose observation is in progress, one awaiting the feedback conversation, one awaiting the teacher's
/// reflection, completed ones and a cancelled one; coaching goals active and achieved; notes about pupils; and support
/// requests open, picked up and closed. Dates are relative to the seeding moment.
/// </summary>
internal static class DemoVisitSeeder
{
    public sealed record Context(
        DateTime UtcNow,
        Board Board,
        StaffMember CareCoordinator,
        StaffMember Administrator,
        StaffMember TeacherA,
        StaffMember TeacherB,
        Group MainGroupA,
        Group MainGroupB,
        IReadOnlyList<(Group Group, StaffMember Teacher)> AllGroups);

    public static void Seed(PortalDbContext db, Context c)
    {
        var now = c.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var ib = c.CareCoordinator;

        // The kijkwijzer: the first version, and a second one with an extra criterion since ten days.
        var v1 = ObservationCriteriaDefaults.CreateFor(c.Board.Id, now.AddDays(-120));
        v1.Board = c.Board;
        var v2 = ObservationCriteriaDefaults.CreateFor(c.Board.Id, now.AddDays(-10));
        v2.Board = c.Board;
        v2.Version = 2;
        v2.PublishedById = c.Administrator.Id;
        v2.ChangeNote = "Criterium over de groepsoverzichten toegevoegd aan ‘Afstemming op verschillen’.";
        v2.Areas.Single(a => a.Name == "Afstemming op verschillen").Criteria
            .Add(new ObservationCriterion { Position = 4, Text = "De leerkracht zet de afspraken uit de groepsbespreking zichtbaar in." });
        db.ObservationCriteriaSets.AddRange(v1, v2);

        var groupA = c.MainGroupA;
        var groupB = c.MainGroupB;
        var pupilsA = groupA.Enrolments.Select(e => e.Pupil!).ToList();
        var pupilsB = groupB.Enrolments.Select(e => e.Pupil!).ToList();
        (Group Group, StaffMember Teacher) Other(string school, string group) =>
            c.AllGroups.Single(g => g.Group.School!.ShortName == school && g.Group.Name == group);

        // Support requests: open (one about the teacher's own practice, fresh on the IB'er's dashboard), picked up, closed.
        var ownPractice = Request(c.TeacherA, groupA, SupportTopic.OwnPractice, null, EarlierThisSchoolDay(now),
            "De instructie bij rekenen loopt steeds uit tot twintig minuten, waardoor de verlengde instructie in het gedrang komt. " +
            "Kun je meekijken hoe ik dat compacter krijg?");
        var aboutPupil = Request(c.TeacherB, groupB, SupportTopic.Pupil, pupilsB[1], At(now, -4, 12),
            "Ik weet niet goed hoe ik hem bij de zelfstandige verwerking aan het werk krijg; hij wacht steeds op mij.");
        aboutPupil.Status = SupportRequestStatus.InProgress;
        aboutPupil.PickedUpAt = At(now, -3, 9);
        aboutPupil.PickedUpById = ib.Id;
        var closed = Request(c.TeacherA, groupA, SupportTopic.Group, null, At(now, -30, 13),
            "De groep is onrustig na de pauzes. Hoe krijg ik de overgang naar de les rustiger?");
        closed.Status = SupportRequestStatus.Closed;
        closed.PickedUpAt = At(now, -29, 10);
        closed.PickedUpById = ib.Id;
        closed.ClosedAt = At(now, -20, 11);
        closed.ClosedById = ib.Id;
        closed.Response = "Samen een vaste startroutine na de pauze afgesproken; daar is een coachingsdoel van gemaakt.";
        var (group6B, teacher6B) = Other(DemoDataSeeder.SchoolBShortName, "6");
        var groupRequest = Request(teacher6B, group6B, SupportTopic.Group, null, At(now, -1, 14),
            "Drie leerlingen dagen elkaar steeds uit tijdens het samenwerken. Ik zoek een aanpak voor de hele groep.");
        db.TeacherSupportRequests.AddRange(ownPractice, aboutPupil, closed, groupRequest);

        // Mark (group 5, school A): a completed visit five weeks ago scored with version 1, its follow-up last week awaiting his
        // reflection, and the next follow-up planned.
        var completed = Visit(groupA, c.TeacherA, ib, At(now, -35, 8), now,
            "Instructie rekenen: opbouw volgens het directe-instructiemodel.");
        Observe(completed, v1, now, new Random(51), "Duidelijke start met het lesdoel. De instructie duurde 22 minuten; de verlengde instructie schoof daardoor op.");
        completed.Status = VisitStatus.FeedbackGiven;
        completed.FeedbackNotes = "Sterk: de rustige, positieve toon en het benoemen van het lesdoel. Samen gekeken hoe de instructie korter kan " +
                                  "door het voordoen te beperken tot één uitgewerkt voorbeeld.";
        completed.FeedbackAt = completed.ScheduledAt.AddDays(2);
        completed.ReflectionWentWell = "De start van de les en de sfeer in de groep.";
        completed.ReflectionToImprove = "Ik praat te lang bij de uitleg; ik wil sneller naar het samen oefenen.";
        completed.ReflectionSupportNeeded = "Graag nog een keer meekijken bij de verlengde instructie.";
        completed.ReflectedAt = completed.ScheduledAt.AddDays(3);
        completed.PupilNotes.Add(PupilNote(completed, pupilsA[0], ib,
            "Kwam bij de zelfstandige verwerking niet op gang; had na de verlengde instructie wel direct succes."));
        completed.Goals.Add(Goal(completed, "Ik geef de basisinstructie in hooguit tien minuten.", null, completed.ScheduledAt.AddDays(2), ib,
            CoachingGoalStatus.Achieved, closedAt: At(now, -7, 12)));
        completed.Goals.Add(Goal(completed, "Na de basisinstructie start ik eerst de verlengde instructiegroep.", today.AddDays(14),
            completed.ScheduledAt.AddDays(2), ib, CoachingGoalStatus.Active));

        var followUp = Visit(groupA, c.TeacherA, ib, At(now, -6, 8), now,
            "Vervolgbezoek: verlengde instructie en het coachingsdoel over de instructietijd.");
        followUp.FollowUpOf = completed;
        Observe(followUp, v2, now, new Random(52), "Instructie in elf minuten; de verlengde instructiegroep startte meteen daarna.");
        followUp.Status = VisitStatus.FeedbackGiven;
        followUp.FeedbackNotes = "De instructietijd is gehalveerd. Volgende stap: complimenten specifieker maken.";
        followUp.FeedbackAt = At(now, -4, 13);
        followUp.PupilNotes.Add(PupilNote(followUp, pupilsA[2], ib, "Zat bij de verlengde instructie en werkte daarna zelfstandig door."));
        followUp.Goals.Add(Goal(followUp, "Ik benoem bij een compliment wat de leerling precies goed deed.", today.AddDays(21), followUp.FeedbackAt.Value, ib,
            CoachingGoalStatus.Active));

        var next = Visit(groupA, c.TeacherA, ib, At(now, 9, 8), now, "Vervolgbezoek: specifieke feedback tijdens het zelfstandig werken.");
        next.FollowUpOf = followUp;

        db.CoachingGoals.Add(new CoachingGoal
        {
            School = groupA.School, Teacher = c.TeacherA, SupportRequest = closed,
            Description = "Na elke pauze start ik met dezelfde rustige routine van drie minuten.", ReviewOn = today.AddDays(7),
            CreatedAt = At(now, -20, 11), CreatedById = ib.Id,
        });

        // Samira (group 4/5, school B): observed two days ago, feedback still to hold (she already reflected); and a visit
        // planned from her support request.
        var awaitingFeedback = Visit(groupB, c.TeacherB, ib, At(now, -2, 9), now, "Klassenmanagement bij de combinatiegroep: zelfstandig werken.");
        Observe(awaitingFeedback, v2, now, new Random(53), "Goede routines; groep 4 wacht vaak op hulp terwijl groep 5 instructie krijgt.");
        awaitingFeedback.ReflectionWentWell = "De dagplanning op het bord hielp de leerlingen.";
        awaitingFeedback.ReflectionToImprove = "Groep 4 heeft meer uitgestelde aandacht nodig.";
        awaitingFeedback.ReflectedAt = At(now, -1, 15);
        awaitingFeedback.PupilNotes.Add(PupilNote(awaitingFeedback, pupilsB[1], ib, "Wachtte twaalf minuten op hulp zonder aan een volgende taak te beginnen."));

        var fromRequest = Visit(groupB, c.TeacherB, ib, At(now, 2, 9), now, "Zelfstandige verwerking: hoe komen leerlingen zelf op gang als ze vastlopen?");
        fromRequest.SupportRequest = aboutPupil;

        // Other teachers: an observation in progress now, a visit planned from a concern, a cancelled one, and a completed one.
        var (group3A, teacher3A) = Other(DemoDataSeeder.SchoolAShortName, "3");
        var inProgress = Visit(group3A, teacher3A, ib, EarlierThisSchoolDay(now), now, "Leesinstructie in de kleine kring.");
        inProgress.CriteriaSet = v2;
        foreach (var criterion in v2.Areas.OrderBy(a => a.Position).First().Criteria.OrderBy(x => x.Position))
            inProgress.Scores.Add(new VisitScore { Criterion = criterion, Score = 3 });
        inProgress.ObservationNotes = "De kring loopt rustig; drie leerlingen wachten lang op hun beurt.";

        var concern = db.Concerns.Local.Where(x => x.Group == group6B && x.Status != ConcernStatus.Closed).OrderBy(x => x.RaisedAt).FirstOrDefault();
        var fromConcern = Visit(group6B, teacher6B, ib, At(now, 5, 8), now,
            concern is null ? "Samenwerken in de groep." : "Naar aanleiding van een signalering: samenwerken in de groep.");
        fromConcern.Concern = concern;

        var (group7A, teacher7A) = Other(DemoDataSeeder.SchoolAShortName, "7");
        var cancelled = Visit(group7A, teacher7A, ib, At(now, -4, 8), now, "Taalinstructie.");
        cancelled.Status = VisitStatus.Cancelled;
        cancelled.CancelledAt = At(now, -5, 12);

        var (group8B, teacher8B) = Other(DemoDataSeeder.SchoolBShortName, "8a");
        var completedB = Visit(group8B, teacher8B, ib, At(now, -24, 9), now, "Eigenaarschap: leerlingen plannen hun weektaak.");
        Observe(completedB, v1, now, new Random(54), "Leerlingen werken met een weektaak en kiezen zelf de volgorde.");
        completedB.Status = VisitStatus.FeedbackGiven;
        completedB.FeedbackNotes = "Mooie balans tussen sturing en vrijheid. Doel: kort terugblikken met de groep aan het eind van de dag.";
        completedB.FeedbackAt = completedB.ScheduledAt.AddDays(1);
        completedB.ReflectionWentWell = "De weektaak werkt voor bijna iedereen.";
        completedB.ReflectionToImprove = "Het terugblikken schiet er vaak bij in.";
        completedB.ReflectedAt = completedB.ScheduledAt.AddDays(2);
        completedB.Goals.Add(Goal(completedB, "Ik sluit elke middag af met een terugblik van vijf minuten.", today.AddDays(10),
            completedB.FeedbackAt.Value, ib, CoachingGoalStatus.Active));

        db.ClassroomVisits.AddRange(completed, followUp, next, awaitingFeedback, fromRequest, inProgress, fromConcern, cancelled, completedB);
    }

    private static TeacherSupportRequest Request(StaffMember teacher, Group group, SupportTopic topic, Pupil? pupil, DateTime at, string question) => new()
    {
        School = group.School, Teacher = teacher, Topic = topic, Group = group, Pupil = pupil, Question = question, CreatedAt = at,
    };

    private static ClassroomVisit Visit(Group group, StaffMember teacher, StaffMember ib, DateTime at, DateTime now, string focus) => new()
    {
        School = group.School, Group = group, Teacher = teacher, Coordinator = ib, ScheduledAt = at, Focus = focus,
        CreatedAt = at < now ? at.AddDays(-10) : now.AddDays(-2), UpdatedAt = at < now ? at : now.AddDays(-2),
    };

    /// <summary>Scores every criterion of <paramref name="set"/> (a few left "niet gezien") and finishes the observation.</summary>
    private static void Observe(ClassroomVisit visit, ObservationCriteriaSet set, DateTime now, Random random, string notes)
    {
        visit.CriteriaSet = set;
        foreach (var criterion in set.Areas.SelectMany(a => a.Criteria))
        {
            var seen = random.Next(6) != 0;
            int? score = seen ? 2 + random.Next(3) : null;
            visit.Scores.Add(new VisitScore
            {
                Criterion = criterion,
                Score = score,
                Note = score >= 3 && random.Next(4) == 0 ? "Duidelijk zichtbaar bij de start van de les." : null,
            });
        }
        visit.ObservationNotes = notes;
        visit.Status = VisitStatus.Observed;
        visit.ObservedAt = visit.ScheduledAt.AddMinutes(visit.DurationMinutes);
        visit.UpdatedAt = visit.ObservedAt.Value < now ? visit.ObservedAt.Value : now;
    }

    private static VisitPupilNote PupilNote(ClassroomVisit visit, Pupil pupil, StaffMember ib, string note) => new()
    {
        Pupil = pupil, School = visit.School, Note = note, CreatedAt = visit.ScheduledAt.AddMinutes(visit.DurationMinutes), CreatedById = ib.Id,
    };

    private static CoachingGoal Goal(ClassroomVisit visit, string description, DateOnly? reviewOn, DateTime createdAt, StaffMember ib,
        CoachingGoalStatus status, DateTime? closedAt = null) => new()
    {
        School = visit.School, Teacher = visit.Teacher, Description = description, ReviewOn = reviewOn, Status = status,
        CreatedAt = createdAt, CreatedById = ib.Id, ClosedAt = closedAt, ClosedById = closedAt is null ? null : ib.Id,
    };

    /// <summary>
    /// A school-day hour (UTC) <paramref name="days"/> from today; a weekend day moves to the Friday before (past) or the
    /// Monday after (future), since classes are visited on school days.
    /// </summary>
    private static DateTime At(DateTime now, int days, int utcHour)
    {
        var day = now.Date.AddDays(days);
        var shift = day.DayOfWeek switch
        {
            DayOfWeek.Saturday => days < 0 ? -1 : 2,
            DayOfWeek.Sunday => days < 0 ? -2 : 1,
            _ => 0,
        };
        return day.AddDays(shift).AddHours(utcHour);
    }

    /// <summary>This morning's first lesson (09:00 in the schools' zone, roughly), or the previous school day's when it is still to come.</summary>
    private static DateTime EarlierThisSchoolDay(DateTime now)
    {
        var at = At(now, 0, 8);
        return at <= now ? at : At(now, -1, 8);
    }
}
