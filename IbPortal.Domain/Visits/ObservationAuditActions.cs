namespace IbPortal.Domain.Visits;

/// <summary>The audit action codes of the kijkwijzer and the observation, with their Dutch descriptions.</summary>
public static class ObservationAuditActions
{
    public const string ReadForm = "observation.read";
    public const string Save = "observation.save";
    public const string Finish = "observation.finish";
    public const string Reopen = "observation.reopen";
    public const string PupilNoteAdd = "visit-pupil-note.add";
    public const string PupilNoteEdit = "visit-pupil-note.edit";
    public const string PupilNoteRemove = "visit-pupil-note.remove";
    public const string CriteriaRead = "kijkwijzer.read";
    public const string CriteriaPublish = "kijkwijzer.publish";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [ReadForm] = "Observatie van een klassenbezoek bekeken",
        [Save] = "Observatie van een klassenbezoek opgeslagen",
        [Finish] = "Observatie van een klassenbezoek afgerond",
        [Reopen] = "Observatie van een klassenbezoek heropend",
        [PupilNoteAdd] = "Notitie over de leerling bij een klassenbezoek vastgelegd",
        [PupilNoteEdit] = "Notitie over de leerling bij een klassenbezoek gewijzigd",
        [PupilNoteRemove] = "Notitie over de leerling bij een klassenbezoek verwijderd",
        [CriteriaRead] = "Kijkwijzer bekeken",
        [CriteriaPublish] = "Nieuwe versie van de kijkwijzer vastgesteld",
    };
}
