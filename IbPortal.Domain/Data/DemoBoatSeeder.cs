using IbPortal.Domain.Concerns;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Data;

/// <summary>
/// Demo data for the boat signal (issue 6, item 2), with the default thresholds of <see cref="BoatSignalOptions"/>
/// (25% open, 5 new in 4 weeks, 20% at level 3+, at least 8 pupils):
/// <list type="bullet">
/// <item><b>Group 5 at VB (school A, teacher leerkracht-a) is busy, just below the two concern thresholds</b>: exactly one
/// pupil fewer with an open concern than 25% of its pupils needs (6 of 25: 7 would reach it), and exactly 4 concerns
/// raised in the last 4 weeks (5 reach it). So ONE new concern in that group always crosses the new-concerns threshold
/// (4 → 5), and, when it is about a pupil without an open concern yet, also the open-concern share (6 → 7 of 25,
/// 28%). Its share at level 3+ stays below 20% as the care seed left it: a concern does not change support levels, and
/// adding level-3 pupils would change the care agenda other demo pages rely on.</item>
/// <item>Group 6 at HA (school B) has an open signal, raised five days ago (open-concern share), and the concerns that
/// made it busy.</item>
/// <item>Group 7 at VB has a signal the IB'er dismissed ten days ago, with a reason (so it is still in its quiet period).</item>
/// </list>
/// The busy group is brought to those figures from whatever the earlier seeds put there, so that it stays just below
/// the thresholds when they change: it adds older open concerns (for the share) and recent ones about pupils who
/// already have one (for the count); when the concern seed already put 5 or more concerns in the window, it moves the
/// oldest ones that are past "new" (with their history) to just before the window. It fails loudly when it cannot.
/// </summary>
internal static class DemoBoatSeeder
{
    private static readonly string[] Observations =
    [
        "Raakt snel afgeleid tijdens de instructie en komt niet aan het werk.",
        "Maakt veel fouten bij het automatiseren van de tafels.",
        "Trekt zich terug in de groep en zoekt weinig contact met klasgenoten.",
        "Heeft moeite met begrijpend lezen; haakt af bij langere teksten.",
        "Reageert onrustig bij wisselingen tussen lessen.",
        "Werkt erg traag en maakt taken zelden af.",
    ];

    public static void Seed(PortalDbContext db, DemoVisitSeeder.Context c)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
        db.SaveChanges(); // the figures below are queried from the database
        var settings = new BoatSignalOptions();
        var now = c.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var ib = c.CareCoordinator;
        var observation = 0;

        // 1. Group 5 at VB: just below the open-concern share and the new-concerns count, its new concerns each about
        //    another pupil (so that one more concern about yet another pupil reaches the 5-pupil floor too).
        var busy = c.MainGroupA;
        var density = Density(db, busy.Id, today, now, settings);
        var openTarget = LargestBelow(density.PupilCount, settings.OpenConcernSharePercent);
        var newTarget = settings.NewConcerns - 1;
        if (density.NewConcerns > newTarget)
        {
            // The concern seed raised the main group's concerns over the last weeks at random moments, often five of
            // them within the window. Move the oldest ones that are no longer new (status past "new") to just before the
            // window, with their whole history, so the group starts just below the threshold.
            ShiftOutOfWindow(db, busy.Id, BoatSignalDensity.NewConcernsSince(now, settings.NewConcernsWeeks), density.NewConcerns - newTarget);
            density = Density(db, busy.Id, today, now, settings);
        }
        if (density.PupilsWithOpenConcerns > openTarget || density.NewConcerns > newTarget
            || BoatSignalDensity.Reached(density, settings) != BoatSignalReasons.None)
            throw new InvalidOperationException(
                $"The demo seed already makes group {busy.Id} reach a boat-signal threshold ({density}); DemoBoatSeeder cannot put it just below.");

        var withOpen = OpenPupils(db, busy.Id);
        var enrolled = EnrolledPupils(db, busy.Id, today);
        // Older concerns (6–8 weeks ago, outside the new-concerns window) for pupils without an open one.
        foreach (var pupilId in enrolled.Where(p => !withOpen.Contains(p)).Take(openTarget - density.PupilsWithOpenConcerns))
        {
            AddOpenConcern(db, busy, pupilId, c.TeacherA, ib, now.AddDays(-42 - (observation % 14)), Observations[observation++ % Observations.Length]);
            withOpen.Add(pupilId);
        }
        // Recent concerns (1–3 weeks ago) about pupils who already have an open one but no new one: new concerns, but
        // no more pupils with an open one.
        var windowStart = BoatSignalDensity.NewConcernsSince(now, settings.NewConcernsWeeks);
        var withNew = db.Concerns.Where(x => x.GroupId == busy.Id && x.RaisedAt >= windowStart).Select(x => x.PupilId).ToHashSet();
        var repeat = withOpen.Where(p => !withNew.Contains(p)).Order().ToList();
        for (var i = density.NewConcerns; i < newTarget; i++)
            AddOpenConcern(db, busy, repeat[(i - density.NewConcerns) % repeat.Count], c.TeacherA, ib, now.AddDays(-7 - 3 * i).AddHours(-2),
                Observations[observation++ % Observations.Length]);
        db.SaveChanges();

        var check = Density(db, busy.Id, today, now, settings);
        if (check.PupilsWithOpenConcerns != openTarget || check.NewConcerns != newTarget || check.NewConcernPupils != newTarget)
            throw new InvalidOperationException($"DemoBoatSeeder could not put group {busy.Id} just below the thresholds ({check}).");

        // 2. Group 6 at HA: busy for some weeks, with an open signal raised five days ago.
        var (groupB, teacherB) = c.AllGroups.Single(g => g.Group.SchoolId == c.MainGroupB.SchoolId && g.Group.Name == "6");
        var withOpenB = OpenPupils(db, groupB.Id);
        var enrolledB = EnrolledPupils(db, groupB.Id, today);
        var reachB = LargestBelow(enrolledB.Count, settings.OpenConcernSharePercent) + 1;
        foreach (var pupilId in enrolledB.Where(p => !withOpenB.Contains(p)).Take(Math.Max(0, reachB - withOpenB.Count)))
            AddOpenConcern(db, groupB, pupilId, teacherB, ib, now.AddDays(-30 - (observation % 12)), Observations[observation++ % Observations.Length]);
        db.SaveChanges();
        var densityB = Density(db, groupB.Id, today, now, settings);
        var reasonsB = BoatSignalDensity.Reached(densityB, settings);
        db.BoatSignals.Add(new BoatSignal
        {
            GroupId = groupB.Id,
            SchoolId = groupB.SchoolId,
            RaisedAt = now.AddDays(-5).AddHours(-3),
            Reasons = reasonsB,
            PupilCount = densityB.PupilCount,
            PupilsWithOpenConcerns = densityB.PupilsWithOpenConcerns,
            NewConcerns = densityB.NewConcerns,
            NewConcernsWeeks = settings.NewConcernsWeeks,
            PupilsAtHighSupportLevel = densityB.PupilsAtHighSupportLevel,
            Proposed = BoatSignalDensity.Proposal(reasonsB),
        });

        // 3. Group 7 at VB: a signal dismissed ten days ago, with the IB'er's reason.
        var groupA7 = c.AllGroups.Single(g => g.Group.SchoolId == c.MainGroupA.SchoolId && g.Group.Name == "7").Group;
        var pupils7 = EnrolledPupils(db, groupA7.Id, today).Count;
        db.BoatSignals.Add(new BoatSignal
        {
            GroupId = groupA7.Id,
            SchoolId = groupA7.SchoolId,
            RaisedAt = now.AddDays(-12).AddHours(-4),
            Reasons = BoatSignalReasons.NewConcerns,
            PupilCount = pupils7,
            PupilsWithOpenConcerns = 4,
            NewConcerns = settings.NewConcerns,
            NewConcernsWeeks = settings.NewConcernsWeeks,
            PupilsAtHighSupportLevel = 1,
            Proposed = BoatSignalResponses.ClassroomVisit,
            Status = BoatSignalStatus.Dismissed,
            Note = "De signaleringen kwamen na de schoolreis; met de leerkracht besproken, de groep is weer rustig. Na de kerstvakantie kijken we opnieuw.",
            ClosedAt = now.AddDays(-10),
            ClosedById = ib.Id,
            Version = 1,
        });
        db.SaveChanges();
    }

    private static void ShiftOutOfWindow(PortalDbContext db, int groupId, DateTime windowStart, int count)
    {
        var concerns = db.Concerns.Include(x => x.History)
            .Where(x => x.GroupId == groupId && x.RaisedAt >= windowStart && x.Status != ConcernStatus.New)
            .OrderBy(x => x.RaisedAt).ThenBy(x => x.Id)
            .Take(count)
            .ToList();
        foreach (var concern in concerns)
        {
            var shift = windowStart.AddDays(-2) - concern.RaisedAt;
            concern.RaisedAt += shift;
            concern.UpdatedAt += shift;
            concern.AcknowledgedAt += shift;
            concern.ClosedAt += shift;
            foreach (var entry in concern.History)
                entry.At += shift;
        }
        db.SaveChanges();
    }

    /// <summary>The largest number of pupils that stays below <paramref name="percent"/>% of <paramref name="pupils"/>.</summary>
    private static int LargestBelow(int pupils, int percent)
    {
        var n = 0;
        while (!BoatSignalDensity.ShareReached(n + 1, pupils, percent))
            n++;
        return n;
    }

    private static GroupDensity Density(PortalDbContext db, int groupId, DateOnly today, DateTime now, BoatSignalOptions settings) =>
        BoatSignalDensity.ComputeAsync(db, [groupId], today, BoatSignalDensity.NewConcernsSince(now, settings.NewConcernsWeeks),
            settings.HighSupportLevel, CancellationToken.None).GetAwaiter().GetResult()[groupId];

    private static HashSet<int> OpenPupils(PortalDbContext db, int groupId) =>
        db.Concerns.Where(x => x.GroupId == groupId && x.Status != ConcernStatus.Closed).Select(x => x.PupilId).Distinct().ToHashSet();

    private static List<int> EnrolledPupils(PortalDbContext db, int groupId, DateOnly today) =>
        db.Enrolments.Where(e => e.GroupId == groupId && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => e.PupilId).Distinct().OrderBy(p => p).ToList();

    private static void AddOpenConcern(PortalDbContext db, Group group, int pupilId, StaffMember author, StaffMember ib, DateTime raisedAt,
        string observation)
    {
        var acknowledgedAt = raisedAt.AddHours(20);
        var concern = new Concern
        {
            PupilId = pupilId,
            GroupId = group.Id,
            SchoolId = group.SchoolId,
            AuthorId = author.Id,
            Area = DevelopmentArea.Cognitive,
            SubAreas = SubAreaCatalog.Cognitive[pupilId % SubAreaCatalog.Cognitive.Count],
            Observation = observation,
            Urgency = Urgency.Normal,
            Status = ConcernStatus.Acknowledged,
            RaisedAt = raisedAt,
            AcknowledgedAt = acknowledgedAt,
            AcknowledgedById = ib.Id,
            UpdatedAt = acknowledgedAt,
            Version = 1,
        };
        concern.History.Add(new ConcernHistoryEntry { At = raisedAt, ActorId = author.Id, Change = ConcernChange.Raised, ToStatus = ConcernStatus.New });
        concern.History.Add(new ConcernHistoryEntry
        {
            At = acknowledgedAt, ActorId = ib.Id, Change = ConcernChange.Acknowledged, FromStatus = ConcernStatus.New, ToStatus = ConcernStatus.Acknowledged,
        });
        db.Concerns.Add(concern);
    }
}
