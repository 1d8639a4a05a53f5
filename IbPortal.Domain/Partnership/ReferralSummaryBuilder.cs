using IbPortal.Domain.Data;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Partnership;

/// <summary>
/// Builds the one-page referral summary: the pupil block (name, date of birth, school, group, current support level at
/// that school), the referral's own parts, and whether it is still a concept for lack of consent. Nothing else from the
/// file. Read-only; the caller authorizes and audits.
/// </summary>
internal static class ReferralSummaryBuilder
{
    public static async Task<ReferralSummary> BuildAsync(PortalDbContext db, PartnershipReferral referral, DateOnly today, DateTime now,
        TimeZoneInfo localZone, CancellationToken ct)
    {
        var pupil = await db.Pupils.AsNoTracking()
            .Where(p => p.Id == referral.PupilId)
            .Select(p => new { p.FirstName, p.Infix, p.LastName, p.DateOfBirth })
            .SingleAsync(ct);
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == referral.SchoolId).Select(s => s.Name).SingleAsync(ct);

        // The group at that school: today's, else the latest.
        var groups = await db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == referral.PupilId && e.Group!.SchoolId == referral.SchoolId)
            .Select(e => new { e.Id, e.EnrolledOn, e.LeftOn, e.Group!.Name })
            .ToListAsync(ct);
        var group = groups
            .OrderByDescending(e => e.EnrolledOn <= today && (e.LeftOn is null || e.LeftOn >= today))
            .ThenByDescending(e => e.EnrolledOn).ThenByDescending(e => e.Id)
            .FirstOrDefault()?.Name;

        var level = await SupportQueries.CurrentLevelAsync(db, referral.PupilId, referral.SchoolId, ct);
        var draftedBy = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Id == referral.CreatedById)
            .Select(s => s.DisplayName)
            .FirstOrDefaultAsync(ct);
        var consent = await ConsentRules.ValidConsentAsync(db, referral.PupilId, referral.SchoolId, ConsentPurposes.PartnershipSharing, today, ct);

        var created = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(referral.CreatedAt, DateTimeKind.Utc), localZone));
        return new ReferralSummary(
            referral.Id,
            referral.PupilId,
            Pupils.Pupil.FullNameOf(pupil.FirstName, pupil.Infix, pupil.LastName),
            pupil.DateOfBirth,
            school,
            group,
            level,
            referral.Kind,
            referral.Status,
            referral.SupportQuestion,
            referral.TriedAndEffect,
            referral.EducationalNeeds,
            referral.ParentsView,
            referral.ConsultantName,
            referral.SubmittedOn ?? created,
            referral.SubmittedOn is not null,
            draftedBy ?? "–",
            IsConcept: consent is null,
            GeneratedAt: now);
    }
}
