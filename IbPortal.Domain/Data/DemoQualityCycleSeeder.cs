using IbPortal.Domain.Organisation;
using IbPortal.Domain.Quality;

namespace IbPortal.Domain.Data;

/// <summary>
/// Demo data for the quality cycle (issue 6): at school A two goals for the current school year — one tied to the
/// acknowledgement speed with a baseline and a target, with actions done, open and overdue, a check and an adjustment;
/// one in words only — and one goal of last year, achieved.
/// </summary>
internal static class DemoQualityCycleSeeder
{
    public static void Seed(PortalDbContext db, DemoVisitSeeder.Context c)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);

        var now = c.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var year = SchoolYear.StartYearOf(today);
        var start = SchoolYear.StartDateOf(year);
        var schoolId = c.MainGroupA.SchoolId;
        var ib = c.CareCoordinator;
        var leader = db.StaffMembers.Local.FirstOrDefault(s => s.Login == DemoDataSeeder.SchoolLeaderALogin) ?? ib;
        var quality = db.StaffMembers.Local.FirstOrDefault(s => s.Login == DemoDataSeeder.QualityLogin) ?? ib;

        // Dates inside the current school year, also when the demo starts just after the summer.
        DateOnly Day(int offset) => today.AddDays(offset) < start ? start : today.AddDays(offset);
        DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc);

        var speed = new QualityGoal
        {
            SchoolId = schoolId,
            SchoolYearStart = year,
            Title = "Signaleringen sneller oppakken",
            Description = "Leerkrachten merken dat het soms lang duurt voordat er iets gebeurt met hun signalering. We willen dat elke signalering binnen twee schooldagen gezien is.",
            IndicatorText = "De intern begeleider ziet een nieuwe signalering binnen twee dagen; leerkrachten merken dat er iets mee gebeurt.",
            Indicator = QualityIndicator.AcknowledgementMedianDays,
            Baseline = 4,
            Target = 2,
            CreatedAt = At(Day(-70)),
            CreatedBy = quality,
            UpdatedAt = At(Day(-5)),
        };
        speed.Actions.Add(new QualityAction
        {
            Description = "Vaste IB-inloop op dinsdag- en donderdagochtend inroosteren.",
            Owner = ib, DueOn = Day(-40), Status = QualityActionStatus.Done, DoneOn = Day(-42), CreatedAt = At(Day(-70)),
        });
        speed.Actions.Add(new QualityAction
        {
            Description = "Werkwijze signaleren bespreken in de teamvergadering.",
            Owner = leader, DueOn = Day(-7), Status = QualityActionStatus.Planned, CreatedAt = At(Day(-70)),
        });
        speed.Actions.Add(new QualityAction
        {
            Description = "Meldingen van nieuwe signaleringen op het dashboard van de IB'er evalueren met de leerkrachten.",
            Owner = ib, DueOn = Day(30), Status = QualityActionStatus.Planned, CreatedAt = At(Day(-20)),
        });
        var check = new QualityCheck
        {
            CheckedOn = Day(-14),
            MeasuredValue = 3,
            Findings = "Sinds de vaste inloop worden signaleringen sneller gezien, maar na een vakantie loopt het weer op.",
            Result = QualityCheckResult.BehindTarget,
            RecordedBy = quality,
            RecordedAt = At(Day(-14)),
        };
        speed.Checks.Add(check);
        speed.Adjustments.Add(new QualityAdjustment
        {
            Check = check,
            Decision = "In de eerste week na een vakantie neemt de schoolleider de inloop waar als de IB'er er niet is.",
            DecidedOn = Day(-12),
            RecordedBy = leader,
            RecordedAt = At(Day(-12)),
        });

        var conversations = new QualityGoal
        {
            SchoolId = schoolId,
            SchoolYearStart = year,
            Title = "Ouders als partner bij de groepsbespreking",
            IndicatorText = "In elke groepsbespreking staat wat ouders verwachten; ouders zeggen in het gesprek dat ze zich gehoord voelen.",
            Indicator = QualityIndicator.None,
            CreatedAt = At(Day(-30)),
            CreatedBy = ib,
            UpdatedAt = At(Day(-30)),
        };
        conversations.Actions.Add(new QualityAction
        {
            Description = "Vragenlijst 'wat verwacht u van ons?' maken voor de oudergesprekken.",
            Owner = ib, DueOn = Day(21), Status = QualityActionStatus.Planned, CreatedAt = At(Day(-30)),
        });

        var lastYear = new QualityGoal
        {
            SchoolId = schoolId,
            SchoolYearStart = year - 1,
            Title = "Elke leerkracht één klassenbezoek per jaar",
            IndicatorText = "Alle leerkrachten hebben dit schooljaar minstens één klassenbezoek met nagesprek gehad.",
            Indicator = QualityIndicator.VisitCoveragePercent,
            Baseline = 50,
            Target = 100,
            Status = QualityGoalStatus.Achieved,
            CreatedAt = At(SchoolYear.StartDateOf(year - 1).AddDays(40)),
            CreatedBy = ib,
            UpdatedAt = At(SchoolYear.EndDateOf(year - 1).AddDays(-20)),
            Version = 1,
        };
        lastYear.Actions.Add(new QualityAction
        {
            Description = "Bezoekrooster voor het hele jaar maken.",
            Owner = ib, DueOn = SchoolYear.StartDateOf(year - 1).AddDays(60), Status = QualityActionStatus.Done,
            DoneOn = SchoolYear.StartDateOf(year - 1).AddDays(55), CreatedAt = At(SchoolYear.StartDateOf(year - 1).AddDays(40)),
        });
        lastYear.Checks.Add(new QualityCheck
        {
            CheckedOn = SchoolYear.EndDateOf(year - 1).AddDays(-20),
            MeasuredValue = 100,
            Findings = "Alle leerkrachten zijn bezocht; het nagesprek werd goed gewaardeerd.",
            Result = QualityCheckResult.Achieved,
            RecordedBy = ib,
            RecordedAt = At(SchoolYear.EndDateOf(year - 1).AddDays(-20)),
        });

        db.QualityGoals.AddRange(speed, conversations, lastYear);
    }
}
