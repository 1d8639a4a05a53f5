namespace IbPortal.Domain.Data;

/// <summary>
/// Fixed Dutch phrases and name parts for <see cref="CitySeeder"/>: generated data only, no real people. Short lists on
/// purpose; the generator picks from them with its seeded random source.
/// </summary>
internal static class CityTexts
{
    public static readonly string[] SchoolNames =
    [
        "De Regenboog", "Het Palet", "De Wilgenhoek", "De Zonnewijzer", "Het Kompas", "De Vlinderboom", "De Bolster",
        "Het Anker", "De Wegwijzer", "De Klimop", "De Sterrenwacht", "Het Mozaïek", "De Toermalijn", "De Horizon",
        "De Lindehof", "Het Baken", "De Notenkraker", "De Triangel", "De Kameleon", "Het Startpunt",
    ];

    public static readonly string[] FirstNames =
    [
        "Noah", "Emma", "Liam", "Julia", "Sem", "Mila", "Lucas", "Tess", "Finn", "Sophie", "Daan", "Zoë", "Levi", "Sara",
        "Milan", "Nora", "Jesse", "Evi", "Bram", "Anna", "Luuk", "Saar", "Thijs", "Lotte", "Mees", "Fleur", "Adam",
        "Yara", "Ryan", "Lina", "Gijs", "Isa", "Siem", "Roos", "Jayden", "Noor", "Mohammed", "Amira", "Ravi", "Elif",
        "Stijn", "Vera", "Teun", "Femke", "Hugo", "Lieke", "Owen", "Jasmijn", "Ilias", "Hanna",
    ];

    public static readonly (string? Infix, string Last)[] LastNames =
    [
        (null, "Bakker"), ("de", "Wit"), (null, "Mulder"), ("van", "Dam"), (null, "Kramer"), ("de", "Haan"),
        (null, "Koster"), ("van der", "Veen"), (null, "Prins"), ("van", "Leeuwen"), (null, "Hendriks"), ("de", "Bruin"),
        (null, "Vos"), ("van den", "Heuvel"), (null, "Postma"), (null, "Yilmaz"), (null, "El Amrani"), (null, "Dijkstra"),
        ("ter", "Horst"), (null, "Brouwer"), (null, "Visser"), ("van", "Wijk"), (null, "Kok"), (null, "Schouten"),
        (null, "Pranoto"), (null, "Kaya"), ("de", "Lange"), (null, "Huisman"), (null, "Meijer"), ("van", "Os"),
    ];

    public static readonly string[] CognitiveObservations =
    [
        "Leest nog spellend en het leestempo blijft duidelijk achter bij de groep.",
        "Maakt bij rekenen veel fouten met de tafels; automatiseren lukt nog niet.",
        "Raakt snel afgeleid tijdens de verwerking en rondt taken zelden af.",
        "Begrijpend lezen gaat moeizaam: vragen over de tekst blijven onbeantwoord.",
        "Spelling van verlengingswoorden lukt niet, ook niet na herhaalde instructie.",
        "Werkt erg traag en vraagt bij elke stap bevestiging.",
    ];

    public static readonly string[] SocialEmotionalObservations =
    [
        "Staat in de pauze vaak alleen en wordt niet uitgenodigd om mee te spelen.",
        "Reageert fel bij kleine conflicten en loopt dan weg uit de klas.",
        "Is de laatste weken stil en teruggetrokken en klaagt vaak over buikpijn.",
        "Komt 's ochtends moeilijk los bij het afscheid en komt daarna niet tot werken.",
        "Zoekt voortdurend de grens op bij het samenwerken in groepjes.",
    ];

    public static readonly string[] Since = ["Sinds de herfstvakantie", "Sinds het begin van het schooljaar", "Een paar weken", "Sinds de kerstvakantie"];

    public static readonly string[] Tried =
    [
        "Extra instructie aan de instructietafel.", "Een vaste werkplek vooraan.", "Kort gesprek met de ouders.", "Een beloningskaart.",
    ];

    public static readonly string[] IbNotes =
    [
        "Besproken met de leerkracht; eerst twee weken observeren.", "Ouders worden uitgenodigd voor een gesprek.",
        "Meenemen naar de leerlingbespreking.", "Extra instructie drie keer per week.", "Observatie in de klas inplannen.",
    ];

    public static readonly string[] LevelReasons =
    [
        "Basisondersteuning in de klas.", "Extra instructie in de klas helpt nog onvoldoende.",
        "Ondersteuning door de IB'er nodig.", "Onderzoek door een externe deskundige, met toestemming van de ouders.",
        "Aanvraag bij het samenwerkingsverband.",
    ];

    public static readonly string[] QuickWins =
    [
        "Dagelijks vijf minuten voorlezen met een maatje.", "Instructie aan de instructietafel vóór de verwerking.",
        "Vaste time-outplek afgesproken.", "Rekenmuurtje op tafel bij de verwerking.", "Dagplanning op tafel.",
    ];

    public static readonly string[] Goals =
    [
        "Leest AVI E4 op niveau.", "Beheerst de tafels van 1 t/m 5.", "Lost conflicten op zonder weg te lopen.",
        "Werkt tien minuten zelfstandig aan een taak.", "Schrijft verlengingswoorden foutloos.", "Vraagt zelf om hulp als het vastloopt.",
    ];

    public static readonly string[] Needs =
    [
        "Heeft korte, herhaalde instructie nodig en succeservaringen.", "Heeft voorspelbaarheid en een vaste plek om tot rust te komen nodig.",
        "Heeft visuele ondersteuning en extra oefentijd nodig.", "Heeft concreet materiaal en vaste instructiemomenten nodig.",
    ];

    public static readonly string[] VisitFocus =
    [
        "Instructie rekenen volgens het directe-instructiemodel.", "Klassenmanagement tijdens het zelfstandig werken.",
        "Leesinstructie in de kleine kring.", "Afstemming op verschillen bij de verwerking.", "Samenwerken in de groep.",
    ];

    public static readonly string[] CoachingGoals =
    [
        "Ik geef de basisinstructie in hooguit tien minuten.", "Ik start na de instructie eerst de verlengde instructiegroep.",
        "Ik benoem bij een compliment wat de leerling precies goed deed.", "Ik sluit elke middag af met een korte terugblik.",
    ];

    public static readonly string[] SupportQuestions =
    [
        "Kun je meekijken hoe ik de instructie compacter krijg?", "De groep is onrustig na de pauzes. Hoe krijg ik de overgang rustiger?",
        "Hoe krijg ik een leerling bij de zelfstandige verwerking aan het werk?", "Ik zoek een aanpak voor het samenwerken in de groep.",
    ];

    public static readonly string[] Colors =
    [
        "#1565C0", "#2E7D32", "#AD1457", "#6A1B9A", "#EF6C00", "#00838F", "#4E342E", "#283593", "#558B2F", "#C62828",
    ];
}
