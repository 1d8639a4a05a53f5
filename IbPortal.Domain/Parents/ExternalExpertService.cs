using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Parents;

/// <summary>
/// An external expert's observation or assessment (externe deskundige). Never without the parents' consent: recording
/// one needs a valid consent for <see cref="ConsentPurposes.ExternalExpert"/>, given on or before the day it took
/// place; otherwise a <see cref="ConsentRequiredException"/> (or a validation message) and nothing is saved. The school's
/// IB'er records; the pupil's current teacher reads. Every read, change and refusal is audited; logs carry ids only.
/// </summary>
public sealed class ExternalExpertService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<ExternalExpertService> logger)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The pupil's external observations and assessments at the school the user reaches, newest first, with findings.</summary>
    public async Task<ExternalExpertReportList> ListAsync(int pupilId, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.ExternalReportList;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var reach = await ParentAccess.ReadReachAsync(db, scope, pupilId, Today, ct)
                    ?? throw await audit.RefusePupilAsync(staffId, action, AuditRecordKind.ExternalExpertReport, pupilId, ct);

        var reports = await db.ExternalExpertReports.AsNoTracking()
            .Where(r => r.PupilId == pupilId && r.SchoolId == reach.SchoolId)
            .OrderByDescending(r => r.TookPlaceOn).ThenByDescending(r => r.Id)
            .Select(r => new ExternalExpertReportItem(r.Id, r.Kind, r.ExpertName, r.ExpertRole, r.TookPlaceOn, r.Findings, r.ConsentId,
                r.Consent!.DecidedOn,
                db.StaffMembers.Where(s => s.Id == r.RecordedById).Select(s => s.DisplayName).FirstOrDefault() ?? "",
                r.RecordedAt))
            .ToListAsync(ct);
        await audit.RecordAsync(new AuditRecord(staffId, action, AuditRecordKind.ExternalExpertReport, null, pupilId, reach.SchoolId, reach.Role), ct);
        logger.LogInformation("External expert reports of pupil {PupilId} at school {SchoolId} read by staff {StaffMemberId}",
            pupilId, reach.SchoolId, staffId);
        return new ExternalExpertReportList(pupilId, reach.SchoolId, reach.CanAdd, reports);
    }

    /// <summary>
    /// Records an observation or assessment at the pupil's current school (its IB'er only), under the valid consent for
    /// external experts, which must have been given on or before <see cref="ExternalExpertReportInput.TookPlaceOn"/>.
    /// </summary>
    /// <exception cref="ConsentRequiredException">No valid consent today; nothing was saved.</exception>
    public async Task<int> RecordAsync(int pupilId, ExternalExpertReportInput input, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.ExternalReportRecord;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        var valid = Validate(input, today);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var reach = await ParentAccess.AddReachAsync(db, scope, pupilId, today, ct)
                    ?? throw await audit.RefusePupilAsync(staffId, action, AuditRecordKind.ExternalExpertReport, pupilId, ct);

        Consent consent;
        try
        {
            consent = await ConsentRules.RequireAsync(db, pupilId, reach.SchoolId, ConsentPurposes.ExternalExpertPurpose, today, ct);
        }
        catch (ConsentRequiredException ex)
        {
            logger.LogInformation("External expert report for pupil {PupilId} at school {SchoolId} refused for lack of consent ({ConsentState}) by staff {StaffMemberId}",
                pupilId, reach.SchoolId, ex.LatestState, staffId);
            throw;
        }
        if (consent.DecidedOn > valid.TookPlaceOn)
            throw new DomainValidationException(nameof(ExternalExpertReportInput.TookPlaceOn),
                $"{(valid.Kind == ExternalExpertReportKind.Assessment ? "Het onderzoek" : "De observatie")} vond plaats op {ParentText.Day(valid.TookPlaceOn)}, vóórdat de ouders toestemming gaven " +
                $"(op {ParentText.Day(consent.DecidedOn!.Value)}). Een externe deskundige observeert of onderzoekt een leerling alleen met " +
                "toestemming vooraf; daarom wordt dit niet vastgelegd. Controleer de datum.");

        var report = new ExternalExpertReport
        {
            PupilId = pupilId,
            SchoolId = reach.SchoolId,
            Kind = valid.Kind,
            ExpertName = valid.ExpertName,
            ExpertRole = valid.ExpertRole,
            TookPlaceOn = valid.TookPlaceOn,
            Findings = valid.Findings,
            ConsentId = consent.Id,
            RecordedById = staffId,
            RecordedAt = Now,
        };
        db.ExternalExpertReports.Add(report);
        ConsentRules.RelyOn(db, consent);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException(ConsentRules.ChangedMeanwhile);
            }
            audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.ExternalExpertReport, report.Id, pupilId, reach.SchoolId, reach.Role));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("External expert report {ReportId} ({Kind}) recorded for pupil {PupilId} at school {SchoolId} under consent {ConsentId} by staff {StaffMemberId}",
            report.Id, report.Kind, pupilId, reach.SchoolId, consent.Id, staffId);
        return report.Id;
    }

    private sealed record ValidReport(ExternalExpertReportKind Kind, string ExpertName, string? ExpertRole, DateOnly TookPlaceOn, string Findings);

    private static ValidReport Validate(ExternalExpertReportInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(ExternalExpertReportInput.Kind)] = "Kies of het een observatie of een onderzoek was.";
        var name = ParentText.Required(input.ExpertName, nameof(ExternalExpertReportInput.ExpertName), ExternalExpertReportInput.ExpertNameMaxLength,
            "De naam van de deskundige", "Vul de naam van de externe deskundige in.", errors);
        var role = ParentText.Optional(input.ExpertRole, nameof(ExternalExpertReportInput.ExpertRole), ExternalExpertReportInput.ExpertRoleMaxLength,
            "De functie", errors);
        if (input.TookPlaceOn is not { } on)
            errors[nameof(ExternalExpertReportInput.TookPlaceOn)] = "Kies de datum van de observatie of het onderzoek.";
        else if (on > today)
            errors[nameof(ExternalExpertReportInput.TookPlaceOn)] = "Deze datum ligt in de toekomst. Leg de bevindingen vast nadat de observatie of het onderzoek heeft plaatsgevonden.";
        var findings = ParentText.Required(input.Findings, nameof(ExternalExpertReportInput.Findings), ExternalExpertReport.FindingsMaxLength,
            "De bevindingen", "Beschrijf de bevindingen van de deskundige.", errors);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
        return new ValidReport(input.Kind!.Value, name!, role, input.TookPlaceOn!.Value, findings!);
    }
}
