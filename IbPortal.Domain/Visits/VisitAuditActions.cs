namespace IbPortal.Domain.Visits;

/// <summary>The audit action codes of classroom visits and coaching goals, with their Dutch descriptions.</summary>
public static class VisitAuditActions
{
    public const string PlanOptions = "visit.plan-options";
    public const string Plan = "visit.plan";
    public const string Reschedule = "visit.reschedule";
    public const string Cancel = "visit.cancel";
    public const string Read = "visit.read";
    public const string List = "visit.list";
    public const string RecordFeedback = "visit.feedback";
    public const string Reflect = "visit.reflect";
    public const string TeacherHistory = "visit.teacher-history";
    public const string MyCoaching = "visit.my-coaching";
    public const string Coverage = "visit.coverage";
    public const string Agenda = "visit.agenda";
    public const string GoalAdd = "coaching-goal.add";
    public const string GoalEdit = "coaching-goal.edit";
    public const string GoalClose = "coaching-goal.close";
    public const string GoalReopen = "coaching-goal.reopen";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [PlanOptions] = "Leerkrachten en groepen opgevraagd om een klassenbezoek te plannen",
        [Plan] = "Klassenbezoek gepland",
        [Reschedule] = "Klassenbezoek verzet",
        [Cancel] = "Klassenbezoek geannuleerd",
        [Read] = "Klassenbezoek bekeken",
        [List] = "Overzicht van klassenbezoeken bekeken",
        [RecordFeedback] = "Nagesprek van een klassenbezoek vastgelegd",
        [Reflect] = "Reflectie op een klassenbezoek geschreven",
        [TeacherHistory] = "Bezoeken en coachingsdoelen van een leerkracht bekeken",
        [MyCoaching] = "Eigen bezoeken en coachingsdoelen bekeken",
        [Coverage] = "Dekking van klassenbezoeken bekeken",
        [Agenda] = "Agenda met bezoeken en besprekingen bekeken",
        [GoalAdd] = "Coachingsdoel vastgelegd",
        [GoalEdit] = "Coachingsdoel gewijzigd",
        [GoalClose] = "Coachingsdoel afgerond of losgelaten",
        [GoalReopen] = "Coachingsdoel heropend",
    };
}
