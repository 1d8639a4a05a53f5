using IbPortal.Domain.Care;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Support;

/// <summary>
/// The five support levels (ondersteuningsniveaus): 1 good teaching for all, 2 extra support in class, 3 special
/// support with the IB'er, 4 with an external expert, 5 referral via the samenwerkingsverband.
/// </summary>
public static class SupportLevel
{
    public const int Minimum = 1;
    public const int Maximum = 5;

    /// <summary>From this level on an external expert is involved, which needs the parents' consent.</summary>
    public const int ExternalExpert = 4;

    /// <summary>From this level on a current HGW plan is expected.</summary>
    public const int NeedsPlan = 3;

    public static bool IsValid(int level) => level is >= Minimum and <= Maximum;
}

/// <summary>One change of a pupil's support level at a school, with its reason. The latest is the current level.</summary>
public class SupportLevelChange : IPupilCareRecord
{
    public const int ReasonMaxLength = 1000;

    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public int Level { get; set; }
    public int? PreviousLevel { get; set; }
    public required string Reason { get; set; }

    /// <summary>The consent that allowed a move to level 4 or higher.</summary>
    public int? ConsentId { get; set; }

    public DateTime ChangedAt { get; set; }
    public int ChangedById { get; set; }
    public StaffMember? ChangedBy { get; set; }
}
