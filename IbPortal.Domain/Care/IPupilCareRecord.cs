namespace IbPortal.Domain.Care;

/// <summary>
/// A record of pupil care that belongs to one pupil at one school: the school whose IB'er manages it and whose staff
/// may reach it (<see cref="CareAccess"/>). A pupil who changes school starts afresh at the new school.
/// </summary>
public interface IPupilCareRecord
{
    int PupilId { get; }
    int SchoolId { get; }
}
