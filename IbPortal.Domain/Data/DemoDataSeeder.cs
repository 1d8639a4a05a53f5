using IbPortal.Domain.Concerns;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Data;

/// <summary>
/// Fills an empty database with an invented board: two schools with eight groups each and about 25 pupils per group,
/// the demo staff (ib, leerkracht-a, leerkracht-b, kwaliteit, beheer, directie-a, privacy), concerns in every status,
/// the pupil care that follows (<see cref="DemoCareSeeder"/>), classroom visits with coaching (<see cref="DemoVisitSeeder"/>),
/// and the quality view's boat signals and quality cycle (<see cref="DemoBoatSeeder"/>, <see cref="DemoQualityCycleSeeder"/>).
/// Every name is invented. Deterministic for a given date, so that tests can rely on it.
/// </summary>
public static class DemoDataSeeder
{
    public const string CareCoordinatorLogin = "ib";
    public const string TeacherALogin = "leerkracht-a";
    public const string TeacherBLogin = "leerkracht-b";
    public const string QualityLogin = "kwaliteit";
    public const string AdministratorLogin = "beheer";
    public const string SchoolLeaderALogin = "directie-a";
    public const string PrivacyOfficerLogin = "privacy";
    public const string SchoolAShortName = "VB";
    public const string SchoolBShortName = "HA";
    public const int PupilsPerGroup = 25;

    // Pupils' names and the cognitive observations come from CityTexts, shared with the city generator.
    private static readonly string[] SocialEmotionalObservations =
    [
        "Staat in de pauze vaak alleen en wordt niet uitgenodigd om mee te spelen.",
        "Reageert fel bij kleine conflicten en loopt dan weg uit de klas.",
        "Is de laatste weken stil en teruggetrokken en klaagt vaak over buikpijn.",
        "Vertelt dat er in de klassen-app over hem/haar wordt gepest.",
        "Komt 's ochtends moeilijk los bij het afscheid en komt daarna niet tot werken.",
        "Zegt vaak 'ik kan het toch niet' en begint niet aan nieuwe taken.",
    ];

    private static readonly string?[] SinceOptions =
        ["sinds de herfstvakantie", "sinds begin september", "de laatste drie weken", null, "sinds de verhuizing", null];

    private static readonly string?[] TriedOptions =
    [
        "Extra instructie aan de instructietafel.", "Kort gesprek met ouders gehad.", "Maatje naast gezet.",
        null, "Taken opgeknipt in kleinere stappen.", "Vaste time-outplek afgesproken.",
    ];

    private static readonly string[] IbNotes =
    [
        "Besproken met de leerkracht; eerst twee weken observeren in de klas.",
        "Ouders uitnodigen voor een gesprek, verwachtingen vooraf uitvragen.",
        "Quick win: dagelijks vijf minuten extra leesbegeleiding.",
        "Meenemen in de eerstvolgende leerlingbespreking.",
    ];

    public static void Seed(PortalDbContext db, DateTime utcNow)
    {
        var random = new Random(20261123);
        var today = DateOnly.FromDateTime(utcNow);
        var startYear = SchoolYear.StartYearOf(today);

        var board = new Board { Name = "Stichting Samen Wijzer" };
        var schoolA = new School { Board = board, Name = "OBS De Vlinderboom", ShortName = SchoolAShortName, Color = "#1565C0" };
        var schoolB = new School { Board = board, Name = "CBS Het Anker", ShortName = SchoolBShortName, Color = "#AD1457" };
        var year = new SchoolYear { StartYear = startYear };
        db.AddRange(board, schoolA, schoolB, year);

        var groupsA = new (string Name, int First, int Last)[]
            { ("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4", 4, 4), ("5", 5, 5), ("6", 6, 6), ("7", 7, 7), ("8", 8, 8) };
        var groupsB = new (string Name, int First, int Last)[]
            { ("1/2a", 1, 2), ("1/2b", 1, 2), ("3", 3, 3), ("4/5", 4, 5), ("6", 6, 6), ("7", 7, 7), ("8a", 8, 8), ("8b", 8, 8) };

        var staff = new List<StaffMember>();
        StaffMember Person(string login, string name, params (PortalRole Role, School School)[] roles)
        {
            var member = new StaffMember { Login = login, DisplayName = name, Email = $"{login}@samenwijzer.example" };
            foreach (var (role, school) in roles)
                member.Roles.Add(new RoleAssignment { Role = role, School = school });
            staff.Add(member);
            return member;
        }

        var ib = Person(CareCoordinatorLogin, "Ilse Verbeek", (PortalRole.CareCoordinator, schoolA), (PortalRole.CareCoordinator, schoolB));
        var teacherA = Person(TeacherALogin, "Mark Hofstede", (PortalRole.Teacher, schoolA));
        var teacherB = Person(TeacherBLogin, "Samira Ouali", (PortalRole.Teacher, schoolB));
        Person(QualityLogin, "Karin Smeets", (PortalRole.QualityCoordinator, schoolA), (PortalRole.QualityCoordinator, schoolB));
        var administrator = Person(AdministratorLogin, "Bas Janssen", (PortalRole.Administrator, schoolA), (PortalRole.Administrator, schoolB));
        Person(SchoolLeaderALogin, "Yvonne de Ruiter", (PortalRole.SchoolLeader, schoolA));
        Person(PrivacyOfficerLogin, "Pieter Lammers", (PortalRole.PrivacyOfficer, schoolA), (PortalRole.PrivacyOfficer, schoolB));

        var teacherNames = new[]
        {
            "Anouk Timmer", "Ruben Zwart", "Petra Wolters", "Joost Kuiper", "Iris Blom", "Dennis Vermeulen", "Els Boer",
            "Wouter Lammers", "Nicole Peeters", "Hans Bosman", "Marloes Willems", "Koen Verhoef", "Sanne Groen", "Tim Evers",
        };
        var nextTeacher = 0;

        var allGroups = new List<(Group Group, StaffMember Teacher)>();
        foreach (var (school, defs, mainTeacher, mainGroup, prefix) in new[]
                 {
                     (schoolA, groupsA, teacherA, "5", "a"),
                     (schoolB, groupsB, teacherB, "4/5", "b"),
                 })
        {
            var n = 0;
            foreach (var (name, first, last) in defs)
            {
                n++;
                var group = new Group { School = school, SchoolYear = year, Name = name, FirstGrade = first, LastGrade = last };
                var teacher = name == mainGroup
                    ? mainTeacher
                    : Person($"leerkracht-{prefix}{n}", teacherNames[nextTeacher++ % teacherNames.Length], (PortalRole.Teacher, school));
                group.Teachers.Add(new GroupTeacher { StaffMember = teacher });
                db.Groups.Add(group);
                allGroups.Add((group, teacher));

                for (var i = 0; i < PupilsPerGroup; i++)
                {
                    var grade = first + (i % (last - first + 1));
                    var (infix, lastName) = CityTexts.LastNames[random.Next(CityTexts.LastNames.Length)];
                    var pupil = new Pupil
                    {
                        FirstName = CityTexts.FirstNames[random.Next(CityTexts.FirstNames.Length)],
                        Infix = infix,
                        LastName = lastName,
                        DateOfBirth = new DateOnly(startYear - 4 - grade, 10, 1).AddDays(-random.Next(365)),
                    };
                    group.Enrolments.Add(new Enrolment { Pupil = pupil, EnrolledOn = SchoolYear.StartDateOf(startYear) });
                }
            }
        }
        db.StaffMembers.AddRange(staff);

        // Concerns in every status; the main demo teachers have some of each, so that no page starts empty.
        var statuses = new[] { ConcernStatus.New, ConcernStatus.Acknowledged, ConcernStatus.InProgress, ConcernStatus.Closed };
        foreach (var (group, teacher) in allGroups)
        {
            var isMain = teacher == teacherA || teacher == teacherB;
            var count = isMain ? 6 : 1 + random.Next(3);
            var pupils = group.Enrolments.Select(e => e.Pupil!).OrderBy(_ => random.Next()).Take(count).ToList();
            for (var i = 0; i < pupils.Count; i++)
            {
                var status = isMain ? statuses[i % statuses.Length] : statuses[random.Next(statuses.Length)];
                var area = (DevelopmentArea)(1 + random.Next(3));
                var raisedAt = utcNow.AddHours(-(24 * 5 + random.Next(24 * 35)));
                if (status == ConcernStatus.New)
                    raisedAt = utcNow.AddHours(-(1 + random.Next(48)));
                AddConcern(db, random, pupils[i], group, teacher, ib, area, status,
                    urgency: i == 0 && isMain ? Urgency.Urgent : (Urgency)(1 + random.Next(3)), raisedAt);
            }
        }

        // The care records refer to staff, pupils and concerns by id: save those first.
        db.SaveChanges();
        DemoCareSeeder.Seed(db, new DemoCareSeeder.Context(utcNow, ib, teacherA, teacherB,
            allGroups.Single(g => g.Teacher == teacherA).Group, allGroups.Single(g => g.Teacher == teacherB).Group,
            allGroups.Select(g => g.Group).ToList()));
        var visitContext = new DemoVisitSeeder.Context(utcNow, board, ib, administrator, teacherA, teacherB,
            allGroups.Single(g => g.Teacher == teacherA).Group, allGroups.Single(g => g.Teacher == teacherB).Group, allGroups);
        DemoVisitSeeder.Seed(db, visitContext);
        DemoBoatSeeder.Seed(db, visitContext);
        DemoQualityCycleSeeder.Seed(db, visitContext);
    }

    private static void AddConcern(PortalDbContext db, Random random, Pupil pupil, Group group, StaffMember author,
        StaffMember ib, DevelopmentArea area, ConcernStatus status, Urgency urgency, DateTime raisedAt)
    {
        var observations = area switch
        {
            DevelopmentArea.Cognitive => CityTexts.CognitiveObservations,
            DevelopmentArea.SocialEmotional => SocialEmotionalObservations,
            _ => [.. CityTexts.CognitiveObservations.Zip(SocialEmotionalObservations, (c, s) => $"{c} {s}")],
        };
        var subAreas = area switch
        {
            DevelopmentArea.Cognitive => SubAreaCatalog.Cognitive[random.Next(SubAreaCatalog.Cognitive.Count)],
            DevelopmentArea.SocialEmotional => SubAreaCatalog.SocialEmotional[random.Next(SubAreaCatalog.SocialEmotional.Count)],
            _ => SubAreaCatalog.Cognitive[random.Next(SubAreaCatalog.Cognitive.Count)] | SubAreaCatalog.SocialEmotional[random.Next(SubAreaCatalog.SocialEmotional.Count)],
        };

        var concern = new Concern
        {
            Pupil = pupil,
            Group = group,
            School = group.School,
            Author = author,
            Area = area,
            SubAreas = subAreas,
            Observation = observations[random.Next(observations.Length)],
            Since = SinceOptions[random.Next(SinceOptions.Length)],
            AlreadyTried = TriedOptions[random.Next(TriedOptions.Length)],
            Urgency = urgency,
            Status = ConcernStatus.New,
            RaisedAt = raisedAt,
            UpdatedAt = raisedAt,
        };
        concern.History.Add(new ConcernHistoryEntry { At = raisedAt, Actor = author, Change = ConcernChange.Raised, ToStatus = ConcernStatus.New });

        var at = raisedAt;
        void Step(ConcernChange change, ConcernStatus to, string? text = null, ConcernOutcome? outcome = null)
        {
            at = at.AddHours(1 + random.Next(20));
            concern.History.Add(new ConcernHistoryEntry
            {
                At = at, Actor = ib, Change = change, FromStatus = concern.Status, ToStatus = to, Text = text, Outcome = outcome,
            });
            concern.Status = to;
            concern.UpdatedAt = at;
            concern.Version++;
        }

        if (status >= ConcernStatus.Acknowledged)
        {
            Step(ConcernChange.Acknowledged, ConcernStatus.Acknowledged);
            concern.AcknowledgedAt = at;
            concern.AcknowledgedBy = ib;
            Step(ConcernChange.NoteAdded, ConcernStatus.Acknowledged, IbNotes[random.Next(IbNotes.Length)]);
        }
        if (status >= ConcernStatus.InProgress)
        {
            concern.NextStep = IbNotes[random.Next(IbNotes.Length)];
            Step(ConcernChange.NextStepSet, ConcernStatus.InProgress, concern.NextStep);
        }
        if (status == ConcernStatus.Closed)
        {
            var outcome = (ConcernOutcome)(1 + random.Next(5));
            Step(ConcernChange.Closed, ConcernStatus.Closed, "Afgerond in overleg met de leerkracht.", outcome);
            concern.Outcome = outcome;
            concern.ClosedAt = at;
        }
        db.Concerns.Add(concern);
    }
}
