using System.Diagnostics;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Data;

/// <summary>Size and random seed of a generated city (<see cref="CitySeeder"/>).</summary>
public sealed record CitySeedOptions
{
    public int Schools { get; init; } = 120;

    /// <summary>Pupils at school in every school year (each year grade 8 leaves and as many grade-1 pupils arrive).</summary>
    public int Pupils { get; init; } = 35_000;

    /// <summary>School years, ending with the current one.</summary>
    public int Years { get; init; } = 5;

    public int RandomSeed { get; init; } = 20_261_124;

    public int SchoolsPerBoard { get; init; } = 20;
}

/// <summary>
/// Fills an empty, migrated database with a city of schools for benchmarks and trend views: boards of ~20 schools,
/// <see cref="CitySeedOptions.Years"/> school years ending with the current one, 8 groups per school and year (some
/// combination groups), pupils moving up a grade each year (grade 8 leaves, a new grade 1 arrives), teachers, IB'ers
/// (one per two schools), a quality coordinator per board, a school leader per school, and per school year the care that
/// follows: concerns with their status history, support level changes, HGW plans with evaluated goals, pupil and group
/// discussions, parent consents, classroom visits with coaching goals, and teachers' support requests. Some groups per
/// year carry a clearly higher concern density (the "boat" signal needs them). Deterministic for a random seed and a
/// given <c>utcNow</c>. Writes one transaction per school and year with change tracking off.
/// </summary>
public static class CitySeeder
{
    public const int GroupsPerSchool = 8;
    private const int TeachersPerSchool = GroupsPerSchool + 1;

    private sealed class PupilState
    {
        public int Id;
        public Pupil? Entity;
        public required string LastName;
        public int Grade;
        public int Level = SupportLevel.Minimum;
        public bool ActivePlan;
        public int GuardianId;
        public Guardian? NewGuardian;
        public bool ExternalExpertRequested;
        public bool SharingRequested;
    }

    private sealed record SchoolInfo(int Id, int Index, int BoardId, int CareCoordinatorId, int[] TeacherIds);

    public static async Task SeedAsync(IDbContextFactory<PortalDbContext> dbFactory, CitySeedOptions options, DateTime utcNow,
        Action<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Schools < 1 || options.Pupils < options.Schools * GroupsPerSchool || options.Years < 1 || options.SchoolsPerBoard < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Need at least one school, eight pupils per school and one year.");

        var today = DateOnly.FromDateTime(utcNow);
        var currentYear = SchoolYear.StartYearOf(today);
        var firstYear = currentYear - options.Years + 1;
        var watch = Stopwatch.StartNew();

        // 1. Organisation and staff: one batch.
        var (schools, yearIds, criteria) = await SeedOrganisationAsync(dbFactory, options, firstYear, currentYear, utcNow, ct);
        progress?.Invoke($"Organisatie klaar: {schools.Count} scholen ({watch.Elapsed.TotalSeconds:F1} s)");

        // 2. Per school and year: groups, pupils, enrolments, then the year's care.
        var done = 0;
        foreach (var school in schools)
        {
            var random = new Random(unchecked(options.RandomSeed * 7919 + school.Index * 104_729));
            var size = options.Pupils / options.Schools + (school.Index < options.Pupils % options.Schools ? 1 : 0);
            var pupils = new List<PupilState>();
            for (var year = firstYear; year <= currentYear; year++)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                await using var transaction = await db.Database.BeginTransactionAsync(ct);

                var groups = Year(db, random, school, yearIds[year], year, currentYear, size, pupils);
                await db.SaveChangesAsync(ct);
                foreach (var p in pupils.Where(p => p.Entity is not null))
                {
                    p.Id = p.Entity!.Id;
                    p.Entity = null;
                }
                var groupIds = groups.Select(g => g.Group.Id).ToArray();
                db.ChangeTracker.Clear();

                new CityCare(db, random, utcNow, today, year, year == currentYear, school, criteria[school.BoardId])
                    .Seed(groups.Select((g, i) => (groupIds[i], g.Teachers, g.Pupils)).ToList());
                await db.SaveChangesAsync(ct);
                foreach (var p in pupils.Where(p => p.NewGuardian is not null))
                {
                    p.GuardianId = p.NewGuardian!.Id;
                    p.NewGuardian = null;
                }
                await transaction.CommitAsync(ct);
            }
            done++;
            if (done % 10 == 0 || done == schools.Count)
                progress?.Invoke($"{done}/{schools.Count} scholen ({watch.Elapsed.TotalSeconds:F1} s)");
        }
    }

    /// <summary>Rows per table (all tables except the migrations history), by name; SQLite or PostgreSQL.</summary>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> CountRowsAsync(PortalDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct);
        try
        {
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = db.Database.IsNpgsql()
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory' ORDER BY table_name"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' ORDER BY name";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    tables.Add(reader.GetString(0));
            }
            var result = new List<(string, long)>();
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // table names come from the catalogue (sqlite_master, information_schema), not from input
                command.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
#pragma warning restore CA2100
                result.Add((table, Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture)));
            }
            return result;
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }

    /// <summary>True when the SQLite file at <paramref name="path"/> exists and holds at least one row in any table.</summary>
    public static async Task<bool> HasDataAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
            return false;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connection).Options;
        await using var db = new PortalDbContext(options);
        var counts = await CountRowsAsync(db, ct);
        return counts.Any(c => c.Rows > 0);
    }

    private static async Task<(List<SchoolInfo> Schools, Dictionary<int, int> YearIds, Dictionary<int, (int SetId, int[] Criteria)> Criteria)> SeedOrganisationAsync(
        IDbContextFactory<PortalDbContext> dbFactory, CitySeedOptions options, int firstYear, int currentYear, DateTime utcNow, CancellationToken ct)
    {
        var random = new Random(options.RandomSeed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var years = Enumerable.Range(firstYear, currentYear - firstYear + 1).Select(y => new SchoolYear { StartYear = y }).ToList();
        var boards = new List<Board>();
        var schools = new List<School>();
        var staff = new List<StaffMember>();
        var sets = new List<ObservationCriteriaSet>();
        var teachers = new List<StaffMember[]>();
        var coordinators = new List<StaffMember>();
        string Name() => $"{CityTexts.FirstNames[random.Next(CityTexts.FirstNames.Length)]} {Pupil.FullNameOf("", CityTexts.LastNames[random.Next(CityTexts.LastNames.Length)].Infix, CityTexts.LastNames[random.Next(CityTexts.LastNames.Length)].Last).Trim()}";
        StaffMember Person(string login, params (PortalRole Role, School School)[] roles)
        {
            var member = new StaffMember { Login = login, DisplayName = Name(), Email = $"{login}@stad.example" };
            foreach (var (role, school) in roles)
                member.Roles.Add(new RoleAssignment { Role = role, School = school });
            staff.Add(member);
            return member;
        }

        var boardCount = (options.Schools + options.SchoolsPerBoard - 1) / options.SchoolsPerBoard;
        for (var b = 0; b < boardCount; b++)
        {
            var board = new Board { Name = $"Stichting Primair Onderwijs Stad {b + 1}" };
            boards.Add(board);
            var set = ObservationCriteriaDefaults.CreateFor(0, new DateTime(firstYear, 8, 15, 9, 0, 0, DateTimeKind.Utc));
            set.Board = board;
            sets.Add(set);
        }
        for (var s = 0; s < options.Schools; s++)
        {
            var board = boards[s / options.SchoolsPerBoard];
            var school = new School
            {
                Board = board, Name = $"{CityTexts.SchoolNames[s % CityTexts.SchoolNames.Length]} {s / CityTexts.SchoolNames.Length + 1}",
                ShortName = $"S{s + 1:000}", Color = CityTexts.Colors[s % CityTexts.Colors.Length],
            };
            board.Schools.Add(school);
            schools.Add(school);
        }
        for (var s = 0; s < options.Schools; s++)
        {
            var school = schools[s];
            Person($"dir-s{s + 1:000}", (PortalRole.SchoolLeader, school));
            teachers.Add([.. Enumerable.Range(1, TeachersPerSchool).Select(t => Person($"lk-s{s + 1:000}-{t}", (PortalRole.Teacher, school)))]);
            if (s % 2 == 0)
            {
                var roles = new List<(PortalRole, School)> { (PortalRole.CareCoordinator, school) };
                if (s + 1 < options.Schools)
                    roles.Add((PortalRole.CareCoordinator, schools[s + 1]));
                coordinators.Add(Person($"ib-{s / 2 + 1:000}", [.. roles]));
            }
        }
        for (var b = 0; b < boardCount; b++)
            Person($"kc-{b + 1:00}", [.. boards[b].Schools.Select(s => (PortalRole.QualityCoordinator, s))]);

        db.AddRange(years);
        db.AddRange(boards);
        db.AddRange(sets);
        db.AddRange(staff);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var infos = schools.Select((s, i) => new SchoolInfo(s.Id, i, s.BoardId, coordinators[i / 2].Id, [.. teachers[i].Select(t => t.Id)])).ToList();
        var criteria = sets.ToDictionary(s => s.BoardId, s => (s.Id, s.Areas.OrderBy(a => a.Position).SelectMany(a => a.Criteria.OrderBy(c => c.Position)).Select(c => c.Id).ToArray()));
        return (infos, years.ToDictionary(y => y.StartYear, y => y.Id), criteria);
    }

    private sealed record YearGroup(Group Group, int[] Teachers, List<PupilState> Pupils);

    /// <summary>The school's groups for one year; pupils move up (grade 8 left last year) and a new grade 1 arrives.</summary>
    private static List<YearGroup> Year(PortalDbContext db, Random random, SchoolInfo school, int schoolYearId, int year, int currentYear,
        int size, List<PupilState> pupils)
    {
        var start = SchoolYear.StartDateOf(year);
        if (pupils.Count == 0)
        {
            for (var grade = 1; grade <= Group.HighestGrade; grade++)
                for (var i = 0; i < size / Group.HighestGrade + (grade <= size % Group.HighestGrade ? 1 : 0); i++)
                    pupils.Add(NewPupil(random, grade, year));
        }
        else
        {
            var leavers = pupils.RemoveAll(p => p.Grade == Group.HighestGrade);
            foreach (var p in pupils)
                p.Grade++;
            for (var i = 0; i < leavers; i++)
                pupils.Add(NewPupil(random, 1, year));
        }

        // Every third school works with combination groups 1/2 and 5/6 (two of each), the others with one group per grade.
        (string Name, int First, int Last)[] layout = school.Index % 3 == 0
            ? [("1/2a", 1, 2), ("1/2b", 1, 2), ("3", 3, 3), ("4", 4, 4), ("5/6a", 5, 6), ("5/6b", 5, 6), ("7", 7, 7), ("8", 8, 8)]
            : [("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4", 4, 4), ("5", 5, 5), ("6", 6, 6), ("7", 7, 7), ("8", 8, 8)];
        var result = new List<YearGroup>();
        var shift = year - currentYear;
        for (var g = 0; g < layout.Length; g++)
        {
            var (name, first, last) = layout[g];
            var group = new Group { SchoolId = school.Id, SchoolYearId = schoolYearId, Name = name, FirstGrade = first, LastGrade = last };
            var teacherIds = new List<int> { school.TeacherIds[((g + shift) % TeachersPerSchool + TeachersPerSchool) % TeachersPerSchool] };
            if (g == ((year % GroupsPerSchool) + GroupsPerSchool) % GroupsPerSchool)
                teacherIds.Add(school.TeacherIds[((GroupsPerSchool + shift) % TeachersPerSchool + TeachersPerSchool) % TeachersPerSchool]);
            foreach (var id in teacherIds.Distinct())
                group.Teachers.Add(new GroupTeacher { StaffMemberId = id });
            result.Add(new YearGroup(group, [.. teacherIds.Distinct()], []));
        }

        // Pupils of a grade shared by two parallel groups alternate between them.
        var counters = new int[Group.HighestGrade + 1];
        foreach (var p in pupils)
        {
            var candidates = result.Where(r => r.Group.FirstGrade <= p.Grade && p.Grade <= r.Group.LastGrade).ToList();
            var target = candidates[counters[p.Grade]++ % candidates.Count];
            var enrolment = new Enrolment
            {
                EnrolledOn = start, LeftOn = year < currentYear ? SchoolYear.EndDateOf(year) : null,
            };
            if (p.Entity is not null)
                enrolment.Pupil = p.Entity;
            else
                enrolment.PupilId = p.Id;
            target.Group.Enrolments.Add(enrolment);
            target.Pupils.Add(p);
        }
        db.AddRange(pupils.Where(p => p.Entity is not null).Select(p => p.Entity!));
        db.AddRange(result.Select(r => r.Group));
        return result;
    }

    private static PupilState NewPupil(Random random, int grade, int year)
    {
        var (infix, last) = CityTexts.LastNames[random.Next(CityTexts.LastNames.Length)];
        return new PupilState
        {
            LastName = last, Grade = grade,
            Entity = new Pupil
            {
                FirstName = CityTexts.FirstNames[random.Next(CityTexts.FirstNames.Length)], Infix = infix, LastName = last,
                DateOfBirth = new DateOnly(year - 4 - grade, 10, 1).AddDays(-random.Next(365)),
            },
        };
    }

    /// <summary>One school year's care at one school. All references by id (the pupils and groups are saved).</summary>
    private sealed class CityCare(PortalDbContext db, Random random, DateTime utcNow, DateOnly today, int year, bool isCurrent,
        SchoolInfo school, (int SetId, int[] Criteria) board)
    {
        private readonly DateTime _from = new(year, 8, 25, 0, 0, 0, DateTimeKind.Utc);
        private readonly DateTime _to = new(year + 1, 7, 10, 0, 0, 0, DateTimeKind.Utc);
        private readonly int _ib = school.CareCoordinatorId;
        private readonly HashSet<int> _teachersWithActiveGoal = [];

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        /// <summary>A school-day moment (Mon–Fri, 07:00–15:00 UTC) between the two instants.</summary>
        private DateTime Moment(DateTime from, DateTime to)
        {
            var days = Math.Max(0, (int)(to - from).TotalDays);
            var day = from.Date.AddDays(random.Next(days + 1));
            if (day.DayOfWeek == DayOfWeek.Saturday)
                day = day.AddDays(2);
            else if (day.DayOfWeek == DayOfWeek.Sunday)
                day = day.AddDays(1);
            return day.AddHours(7 + random.Next(8)).AddMinutes(random.Next(60));
        }

        public void Seed(List<(int GroupId, int[] Teachers, List<PupilState> Pupils)> groups)
        {
            // Most years one group at the school carries a clearly higher concern density; in the current year every third
            // school surely has one (the boat signal).
            var hot = random.NextDouble() < 0.4 || (isCurrent && school.Index % 3 == 0) ? random.Next(groups.Count) : -1;
            var baseRate = 0.07 + random.NextDouble() * 0.04;
            var concerns = new List<Concern>();
            var levels = new List<SupportLevelChange>();
            var plans = new List<SupportPlan>();
            var consents = new List<Consent>();
            var guardians = new List<Guardian>();
            var discussions = new List<Discussion>();
            var visits = new List<ClassroomVisit>();
            var goals = new List<CoachingGoal>();
            var requests = new List<TeacherSupportRequest>();

            for (var g = 0; g < groups.Count; g++)
            {
                var (groupId, teachers, pupils) = groups[g];
                var rate = g == hot ? 0.3 + random.NextDouble() * 0.1 : baseRate;
                var groupConcerns = new List<Concern>();
                foreach (var pupil in pupils)
                {
                    if (random.NextDouble() >= rate)
                    {
                        // Levels drift down again at the start of a new year for some pupils who no longer need the support.
                        if (pupil.Level > 1 && !pupil.ActivePlan && random.NextDouble() < 0.2)
                            Level(levels, pupil, pupil.Level - 1, Moment(_from, _from.AddDays(30)), 1);
                        continue;
                    }
                    var count = random.NextDouble() < 0.2 ? 2 : 1;
                    for (var i = 0; i < count; i++)
                    {
                        var concern = NewConcern(pupil, groupId, teachers[0], g == hot);
                        if (concern is null)
                            continue;
                        groupConcerns.Add(concern);
                        if (concern.AcknowledgedAt is { } ack)
                            FollowUp(pupil, groupId, teachers[0], ack, levels, plans, consents, guardians, discussions);
                    }
                }
                concerns.AddRange(groupConcerns);
                GroupDiscussions(groupId, teachers[0], pupils, discussions);
                foreach (var teacher in teachers)
                    Visits(groupId, teacher, pupils, g == hot ? groupConcerns : [], visits, goals);
            }
            Requests(groups, requests);

            db.AddRange(guardians);
            db.AddRange(concerns);
            db.AddRange(levels);
            db.AddRange(plans);
            db.AddRange(consents);
            db.AddRange(discussions);
            db.AddRange(requests);
            db.AddRange(visits);
            db.AddRange(goals);
        }

        private Concern? NewConcern(PupilState pupil, int groupId, int teacher, bool hotGroup)
        {
            // A busy group's concerns cluster in the last weeks when it is the current year.
            var raisedAt = hotGroup && isCurrent && random.NextDouble() < 0.6
                ? Moment(Max(_from, utcNow.AddDays(-28)), utcNow)
                : Moment(_from, Min(_to, utcNow));
            if (raisedAt >= utcNow || raisedAt < _from)
                return null;
            var area = (DevelopmentArea)(1 + random.Next(3));
            var sub = area switch
            {
                DevelopmentArea.Cognitive => Pick(SubAreaCatalog.Cognitive),
                DevelopmentArea.SocialEmotional => Pick(SubAreaCatalog.SocialEmotional),
                _ => Pick(SubAreaCatalog.Cognitive) | Pick(SubAreaCatalog.SocialEmotional),
            };
            var concern = new Concern
            {
                PupilId = pupil.Id, GroupId = groupId, SchoolId = school.Id, AuthorId = teacher, Area = area, SubAreas = sub,
                Observation = area == DevelopmentArea.SocialEmotional ? Pick(CityTexts.SocialEmotionalObservations) : Pick(CityTexts.CognitiveObservations),
                Since = Pick(CityTexts.Since), AlreadyTried = Pick(CityTexts.Tried),
                Urgency = random.NextDouble() < 0.1 ? Urgency.Urgent : random.NextDouble() < 0.35 ? Urgency.Worrying : Urgency.Normal,
                Status = ConcernStatus.New, RaisedAt = raisedAt, UpdatedAt = raisedAt,
            };
            concern.History.Add(new ConcernHistoryEntry { At = raisedAt, ActorId = teacher, Change = ConcernChange.Raised, ToStatus = ConcernStatus.New });

            // Acknowledged after hours (mostly) to days.
            var r = random.NextDouble();
            var ackHours = r < 0.7 ? 1 + random.Next(24) : r < 0.95 ? 24 + random.Next(72) : 96 + random.Next(144);
            var at = raisedAt.AddHours(ackHours).AddMinutes(random.Next(60));
            if (at >= utcNow)
                return concern;
            void Step(ConcernChange change, ConcernStatus to, DateTime when, string? text = null, ConcernOutcome? outcome = null)
            {
                concern.History.Add(new ConcernHistoryEntry
                {
                    At = when, ActorId = _ib, Change = change, FromStatus = concern.Status, ToStatus = to, Text = text, Outcome = outcome,
                });
                concern.Status = to;
                concern.UpdatedAt = when;
                concern.Version++;
            }
            Step(ConcernChange.Acknowledged, ConcernStatus.Acknowledged, at);
            concern.AcknowledgedAt = at;
            concern.AcknowledgedById = _ib;
            if (random.NextDouble() < 0.5)
            {
                at = at.AddHours(1 + random.Next(48));
                if (at < utcNow)
                    Step(ConcernChange.NoteAdded, ConcernStatus.Acknowledged, at, Pick(CityTexts.IbNotes));
            }
            if (random.NextDouble() < 0.75)
            {
                at = at.AddDays(1 + random.Next(10));
                if (at >= utcNow)
                    return concern;
                concern.NextStep = Pick(CityTexts.IbNotes);
                Step(ConcernChange.NextStepSet, ConcernStatus.InProgress, at, concern.NextStep);
            }
            var closeChance = isCurrent ? (utcNow - at).TotalDays > 60 ? 0.6 : 0.25 : 0.85;
            if (random.NextDouble() < closeChance)
            {
                at = at.AddDays(3 + random.Next(60));
                if (at >= utcNow)
                    return concern;
                var outcome = (ConcernOutcome)(1 + random.Next(5));
                Step(ConcernChange.Closed, ConcernStatus.Closed, at, "Afgerond in overleg met de leerkracht.", outcome);
                concern.Outcome = outcome;
                concern.ClosedAt = at;
            }
            return concern;
        }

        private void FollowUp(PupilState pupil, int groupId, int teacher, DateTime ack, List<SupportLevelChange> levels, List<SupportPlan> plans,
            List<Consent> consents, List<Guardian> guardians, List<Discussion> discussions)
        {
            // A pupil discussion after the acknowledgement for half of them.
            if (random.NextDouble() < 0.5)
            {
                var at = Moment(ack.AddDays(3), ack.AddDays(21));
                if (at < _to.AddDays(10))
                {
                    var discussion = NewDiscussion(DiscussionKind.PupilDiscussion, groupId, teacher, at);
                    if (discussion is not null)
                    {
                        discussion.Pupils.Add(new DiscussionPupil
                        {
                            PupilId = pupil.Id, EducationalNeeds = discussion.Status == DiscussionStatus.Held ? Pick(CityTexts.Needs) : null,
                        });
                        if (discussion.Status == DiscussionStatus.Held && random.NextDouble() < 0.5)
                        {
                            var due = DateOnly.FromDateTime(at).AddDays(14);
                            var done = at.AddDays(3 + random.Next(20));
                            discussion.ActionItems.Add(new ActionItem
                            {
                                SchoolId = school.Id, PupilId = pupil.Id, Description = Pick(CityTexts.IbNotes), OwnerId = random.Next(2) == 0 ? teacher : _ib,
                                DueOn = due, CreatedAt = at, CreatedById = _ib,
                                CompletedAt = done < utcNow && random.NextDouble() < 0.8 ? done : null,
                                CompletedById = done < utcNow ? _ib : null,
                            });
                            if (discussion.ActionItems[0].CompletedAt is null)
                                discussion.ActionItems[0].CompletedById = null;
                        }
                        discussions.Add(discussion);
                    }
                }
            }

            // Support levels: up to 2 for some, then 3 with a plan, rarely 4 (with consent for an external expert) or 5.
            var when = ack;
            if (pupil.Level < 2)
            {
                if (random.NextDouble() >= 0.45)
                    return;
                when = when.AddDays(1 + random.Next(14));
                if (!Level(levels, pupil, 2, when, 1))
                    return;
            }
            if (pupil.Level == 2)
            {
                if (random.NextDouble() >= 0.35)
                    return;
                when = when.AddDays(14 + random.Next(46));
                if (!Level(levels, pupil, 3, when, 2))
                    return;
            }
            if (pupil.Level >= 3 && !pupil.ActivePlan)
                Plan(pupil, when.AddDays(3 + random.Next(18)), plans);
            if (pupil.Level == 3 && random.NextDouble() < 0.15)
            {
                var consent = Consent(pupil, ConsentPurposes.ExternalExpert, when.AddDays(7 + random.Next(30)), consents, guardians);
                if (consent is { State: ConsentState.Given, DecidedOn: { } decided })
                {
                    var at = decided.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc).AddDays(7 + random.Next(40));
                    if (Level(levels, pupil, 4, at, 3) && random.NextDouble() < 0.15)
                    {
                        var sharing = Consent(pupil, ConsentPurposes.PartnershipSharing, at.AddDays(14 + random.Next(30)), consents, guardians);
                        if (sharing is { State: ConsentState.Given, DecidedOn: { } d })
                            Level(levels, pupil, 5, d.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc).AddDays(30 + random.Next(60)), 5);
                    }
                }
            }
        }

        private bool Level(List<SupportLevelChange> levels, PupilState pupil, int level, DateTime at, int reason)
        {
            if (at >= utcNow || at >= _to)
                return false;
            levels.Add(new SupportLevelChange
            {
                PupilId = pupil.Id, SchoolId = school.Id, Level = level, PreviousLevel = pupil.Level,
                Reason = CityTexts.LevelReasons[Math.Clamp(reason, 1, CityTexts.LevelReasons.Length) - 1], ChangedAt = at, ChangedById = _ib,
            });
            pupil.Level = level;
            return true;
        }

        private void Plan(PupilState pupil, DateTime createdAt, List<SupportPlan> plans)
        {
            if (createdAt >= utcNow || createdAt >= _to)
                return;
            var starts = DateOnly.FromDateTime(createdAt);
            var plan = new SupportPlan
            {
                PupilId = pupil.Id, SchoolId = school.Id, StartsOn = starts, EducationalNeeds = Pick(CityTexts.Needs),
                CreatedAt = createdAt, CreatedById = _ib, UpdatedAt = createdAt,
            };
            var position = 1;
            for (var i = 0; i < 1 + random.Next(2); i++)
                plan.Goals.Add(new PlanGoal { Kind = GoalKind.QuickWin, Position = position++, Description = Pick(CityTexts.QuickWins) });
            for (var i = 0; i < 1 + random.Next(3); i++)
            {
                var goal = new PlanGoal
                {
                    Kind = GoalKind.LongTerm, Position = position++, Description = Pick(CityTexts.Goals), ReviewOn = starts.AddDays(42 + random.Next(28)),
                };
                var evaluatedOn = goal.ReviewOn.Value.AddDays(random.Next(10));
                if (evaluatedOn < today && evaluatedOn <= DateOnly.FromDateTime(_to))
                {
                    var r = random.NextDouble();
                    goal.Evaluations.Add(new GoalEvaluation
                    {
                        Result = r < 0.45 ? EvaluationResult.Achieved : r < 0.8 ? EvaluationResult.PartlyAchieved : EvaluationResult.NotAchieved,
                        EvaluatedOn = evaluatedOn, EvaluatedById = _ib, RecordedAt = evaluatedOn.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc),
                    });
                }
                plan.Goals.Add(goal);
            }
            // Plans of past years end with the year; a few current ones are closed already.
            var closeOn = isCurrent ? starts.AddDays(90 + random.Next(60)) : DateOnly.FromDateTime(_to);
            if (!isCurrent || (closeOn < today && random.NextDouble() < 0.4))
            {
                plan.Status = SupportPlanStatus.Closed;
                plan.ClosedOn = closeOn;
                plan.ClosingNote = "Plan geëvalueerd en afgesloten.";
                plan.UpdatedAt = closeOn.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc);
            }
            else
                pupil.ActivePlan = true;
            plans.Add(plan);
        }

        private Consent? Consent(PupilState pupil, string purpose, DateTime requestedAt, List<Consent> consents, List<Guardian> guardians)
        {
            if (requestedAt >= utcNow || requestedAt >= _to)
                return null;
            var open = purpose == ConsentPurposes.ExternalExpert ? pupil.ExternalExpertRequested : pupil.SharingRequested;
            if (open)
                return null;
            var consent = new Consent
            {
                PupilId = pupil.Id, SchoolId = school.Id, Purpose = purpose, RequestedAt = requestedAt, RequestedById = _ib, UpdatedAt = requestedAt,
            };
            var decided = DateOnly.FromDateTime(requestedAt).AddDays(1 + random.Next(21));
            if (decided < today)
            {
                if (pupil.GuardianId == 0 && pupil.NewGuardian is null)
                {
                    pupil.NewGuardian = new Guardian
                    {
                        PupilId = pupil.Id, SchoolId = school.Id, Name = $"{Pick(CityTexts.FirstNames)} {pupil.LastName}", Relationship = "ouder",
                        HasParentalAuthority = true, CreatedAt = requestedAt.AddDays(-1), UpdatedAt = requestedAt.AddDays(-1),
                    };
                    guardians.Add(pupil.NewGuardian);
                }
                if (pupil.NewGuardian is not null)
                    consent.Guardian = pupil.NewGuardian;
                else
                    consent.GuardianId = pupil.GuardianId;
                consent.State = random.NextDouble() < 0.85 ? ConsentState.Given : ConsentState.Refused;
                consent.DecidedOn = decided;
                consent.Method = (ConsentMethod)(1 + random.Next(3));
                consent.UpdatedAt = decided.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
            }
            else if (purpose == ConsentPurposes.ExternalExpert)
                pupil.ExternalExpertRequested = true;
            else
                pupil.SharingRequested = true;
            consents.Add(consent);
            return consent;
        }

        private Discussion? NewDiscussion(DiscussionKind kind, int groupId, int teacher, DateTime at)
        {
            if (at >= utcNow && !isCurrent)
                return null;
            var discussion = new Discussion
            {
                Kind = kind, SchoolId = school.Id, GroupId = groupId, ScheduledAt = at, CoordinatorId = _ib, TeacherId = teacher,
                CreatedAt = at < utcNow ? at.AddDays(-7) : utcNow.AddDays(-1), UpdatedAt = at < utcNow ? at : utcNow.AddDays(-1),
            };
            if (at < utcNow)
            {
                if (random.NextDouble() < 0.05)
                    discussion.Status = DiscussionStatus.Cancelled;
                else
                {
                    discussion.Status = DiscussionStatus.Held;
                    discussion.HeldAt = at.AddHours(1);
                    discussion.Notes = "Besproken volgens de agenda.";
                    discussion.Decisions = Pick(CityTexts.IbNotes);
                }
            }
            return discussion;
        }

        private void GroupDiscussions(int groupId, int teacher, List<PupilState> pupils, List<Discussion> discussions)
        {
            foreach (var (month, day) in new[] { (10, 15), (2, 15) })
            {
                var start = new DateTime(month >= 8 ? year : year + 1, month, day, 0, 0, 0, DateTimeKind.Utc);
                var discussion = NewDiscussion(DiscussionKind.GroupDiscussion, groupId, teacher, Moment(start, start.AddDays(30)));
                if (discussion is null)
                    continue;
                foreach (var p in pupils)
                    discussion.Pupils.Add(new DiscussionPupil { PupilId = p.Id });
                discussions.Add(discussion);
            }
        }

        private void Visits(int groupId, int teacher, List<PupilState> pupils, List<Concern> groupConcerns, List<ClassroomVisit> visits,
            List<CoachingGoal> goals)
        {
            var count = 1 + (random.NextDouble() < 0.5 ? 1 : 0);
            ClassroomVisit? previous = null;
            for (var i = 0; i < count + (groupConcerns.Count > 0 ? 1 : 0); i++)
            {
                var fromConcern = i == count ? groupConcerns[^1] : null;
                var at = fromConcern is null
                    ? Moment(_from.AddDays(14), _to.AddDays(-7))
                    : Moment(fromConcern.RaisedAt.AddDays(3), fromConcern.RaisedAt.AddDays(20));
                if (at >= utcNow && !isCurrent)
                    continue;
                var visit = new ClassroomVisit
                {
                    SchoolId = school.Id, GroupId = groupId, TeacherId = teacher, CoordinatorId = _ib, ScheduledAt = at,
                    Focus = fromConcern is null ? Pick(CityTexts.VisitFocus) : "Naar aanleiding van signaleringen: de aanpak in de groep.",
                    Concern = fromConcern,
                    FollowUpOf = previous is { Status: VisitStatus.FeedbackGiven } && previous.ScheduledAt < at ? previous : null,
                    CreatedAt = at < utcNow ? at.AddDays(-10) : utcNow.AddDays(-2), UpdatedAt = at < utcNow ? at : utcNow.AddDays(-2),
                };
                visits.Add(visit);
                previous = visit;
                if (at >= utcNow)
                    continue;
                if (random.NextDouble() < 0.07)
                {
                    visit.Status = VisitStatus.Cancelled;
                    visit.CancelledAt = at.AddDays(-1);
                    continue;
                }
                visit.CriteriaSetId = board.SetId;
                foreach (var criterion in board.Criteria)
                {
                    int? score = random.Next(6) == 0 ? null : random.Next(10) switch { 0 => 1, < 4 => 2, < 8 => 3, _ => 4 };
                    visit.Scores.Add(new VisitScore { CriterionId = criterion, Score = score });
                }
                visit.ObservationNotes = "Observatie volgens de kijkwijzer.";
                visit.Status = VisitStatus.Observed;
                visit.ObservedAt = at.AddMinutes(visit.DurationMinutes);
                visit.UpdatedAt = visit.ObservedAt.Value;
                if (pupils.Count > 0 && random.NextDouble() < 0.2)
                    visit.PupilNotes.Add(new VisitPupilNote
                    {
                        PupilId = Pick(pupils).Id, SchoolId = school.Id, Note = "Werkte na de verlengde instructie zelfstandig door.",
                        CreatedAt = visit.ObservedAt.Value, CreatedById = _ib,
                    });
                var feedback = at.AddDays(1 + random.Next(7));
                if (feedback >= utcNow)
                    continue;
                visit.Status = VisitStatus.FeedbackGiven;
                visit.FeedbackNotes = "Feedback besproken met de leerkracht.";
                visit.FeedbackAt = feedback;
                visit.UpdatedAt = feedback;
                var reflected = feedback.AddDays(1 + random.Next(5));
                if (reflected < utcNow && random.NextDouble() < 0.75)
                {
                    visit.ReflectionWentWell = "De start van de les.";
                    visit.ReflectionToImprove = "De instructie korter houden.";
                    visit.ReflectedAt = reflected;
                }
                if (random.NextDouble() < 0.35)
                {
                    var goal = new CoachingGoal
                    {
                        SchoolId = school.Id, TeacherId = teacher, Visit = visit, Description = Pick(CityTexts.CoachingGoals),
                        ReviewOn = DateOnly.FromDateTime(feedback).AddDays(28), CreatedAt = feedback, CreatedById = _ib,
                    };
                    var closed = feedback.AddDays(20 + random.Next(60));
                    if (!isCurrent || closed < utcNow || !_teachersWithActiveGoal.Add(teacher))
                    {
                        if (closed >= utcNow)
                            closed = utcNow.AddHours(-1);
                        goal.Status = random.NextDouble() < 0.7 ? CoachingGoalStatus.Achieved : CoachingGoalStatus.Dropped;
                        goal.ClosedAt = closed;
                        goal.ClosedById = _ib;
                    }
                    goals.Add(goal);
                }
            }
        }

        private void Requests(List<(int GroupId, int[] Teachers, List<PupilState> Pupils)> groups, List<TeacherSupportRequest> requests)
        {
            for (var i = 0; i < 2 + random.Next(3); i++)
            {
                var (groupId, teachers, pupils) = Pick(groups);
                var at = Moment(_from, Min(_to, utcNow));
                if (at >= utcNow)
                    continue;
                var topic = (SupportTopic)(1 + random.Next(3));
                var request = new TeacherSupportRequest
                {
                    SchoolId = school.Id, TeacherId = teachers[0], Topic = topic, GroupId = topic == SupportTopic.OwnPractice ? null : groupId,
                    PupilId = topic == SupportTopic.Pupil && pupils.Count > 0 ? Pick(pupils).Id : null,
                    Question = Pick(CityTexts.SupportQuestions), CreatedAt = at,
                };
                if (request.Topic == SupportTopic.Pupil && request.PupilId is null)
                    request.Topic = SupportTopic.Group;
                var picked = at.AddDays(1 + random.Next(3));
                if (picked < utcNow)
                {
                    request.PickUp(_ib, picked);
                    var closed = picked.AddDays(7 + random.Next(23));
                    if (closed < utcNow && (!isCurrent || random.NextDouble() < 0.6))
                    {
                        request.Status = SupportRequestStatus.Closed;
                        request.ClosedAt = closed;
                        request.ClosedById = _ib;
                        request.Response = "Samen een aanpak afgesproken.";
                    }
                }
                requests.Add(request);
            }
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
