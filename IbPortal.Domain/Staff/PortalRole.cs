namespace IbPortal.Domain.Staff;

public enum PortalRole
{
    /// <summary>Groepsleerkracht: flags pupils of their own groups.</summary>
    Teacher = 1,

    /// <summary>Intern begeleider (IB'er): coordinates pupil care at one or more schools.</summary>
    CareCoordinator = 2,

    /// <summary>Kwaliteitscoördinator: reviews quality and trends.</summary>
    QualityCoordinator = 3,

    /// <summary>Directeur / schoolleider.</summary>
    SchoolLeader = 4,

    /// <summary>Beheerder: users, roles, schools, groups, school years; no pupil-care content.</summary>
    Administrator = 5,

    /// <summary>Privacyfunctionaris: the audit trail and retention; no pupil-care content.</summary>
    PrivacyOfficer = 6,
}

public static class PortalRoleNames
{
    public static string Dutch(this PortalRole role) => role switch
    {
        PortalRole.Teacher => "Leerkracht",
        PortalRole.CareCoordinator => "Intern begeleider",
        PortalRole.QualityCoordinator => "Kwaliteitscoördinator",
        PortalRole.SchoolLeader => "Directeur",
        PortalRole.Administrator => "Beheerder",
        PortalRole.PrivacyOfficer => "Privacyfunctionaris",
        _ => role.ToString(),
    };
}
