using IbPortal.Domain.Data;

namespace IbPortal.Tests.Support;

/// <summary>The seeded demo logins.</summary>
public static class Logins
{
    public const string CareCoordinator = DemoDataSeeder.CareCoordinatorLogin;   // IB'er of both schools
    public const string TeacherA = DemoDataSeeder.TeacherALogin;                 // teaches group 5 at school A (VB)
    public const string TeacherB = DemoDataSeeder.TeacherBLogin;                 // teaches group 4/5 at school B (HA)
    public const string Quality = DemoDataSeeder.QualityLogin;
    public const string Administrator = DemoDataSeeder.AdministratorLogin;
    public const string SchoolLeaderA = DemoDataSeeder.SchoolLeaderALogin;
    public const string PrivacyOfficer = DemoDataSeeder.PrivacyOfficerLogin;
    public const string SchoolA = DemoDataSeeder.SchoolAShortName;
    public const string SchoolB = DemoDataSeeder.SchoolBShortName;
}
