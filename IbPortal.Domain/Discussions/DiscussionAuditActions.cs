namespace IbPortal.Domain.Discussions;

/// <summary>The audit action codes of this module, and their Dutch descriptions for the inzage export and audit search.</summary>
public static class DiscussionAuditActions
{
    public const string ScheduleOptions = "discussion.schedule-options";
    public const string ProposeAgenda = "discussion.propose-agenda";
    public const string Schedule = "discussion.schedule";
    public const string Read = "discussion.read";
    public const string Record = "discussion.record";
    public const string PupilOverview = "discussion.pupil-overview";
    public const string MarkHeld = "discussion.held";
    public const string Cancel = "discussion.cancel";
    public const string AgendaAdd = "discussion.agenda-add";
    public const string AgendaEdit = "discussion.agenda-edit";
    public const string AgendaRemove = "discussion.agenda-remove";
    public const string AgendaMove = "discussion.agenda-move";
    public const string AgendaDone = "discussion.agenda-done";
    public const string ActionCreate = "actionitem.create";
    public const string ActionComplete = "actionitem.complete";
    public const string ActionReopen = "actionitem.reopen";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [ScheduleOptions] = "Groepen en leerlingen opgevraagd om een bespreking te plannen",
        [ProposeAgenda] = "Voorstel voor de agenda van een bespreking opgevraagd",
        [Schedule] = "Leerling- of groepsbespreking gepland",
        [Read] = "Bespreking bekeken",
        [Record] = "Verslag van de bespreking vastgelegd",
        [PupilOverview] = "Onderwijsbehoeften en factoren van de leerling in de bespreking bijgewerkt",
        [MarkHeld] = "Bespreking als gehouden gemarkeerd",
        [Cancel] = "Bespreking geannuleerd",
        [AgendaAdd] = "Agendapunt toegevoegd aan een bespreking",
        [AgendaEdit] = "Agendapunt van een bespreking gewijzigd",
        [AgendaRemove] = "Agendapunt van een bespreking verwijderd",
        [AgendaMove] = "Volgorde van de agenda van een bespreking gewijzigd",
        [AgendaDone] = "Agendapunt van een bespreking afgevinkt of heropend",
        [ActionCreate] = "Actiepunt vastgelegd",
        [ActionComplete] = "Actiepunt afgerond",
        [ActionReopen] = "Actiepunt heropend",
    };
}
