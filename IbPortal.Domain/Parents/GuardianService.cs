using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Parents;

/// <summary>
/// The guardians (ouders/verzorgers) of a pupil as the school knows them. The school's IB'er adds, edits and archives
/// them; the pupil's current teacher reads them. Every read, change and refusal is audited; logs carry ids only.
/// </summary>
public sealed class GuardianService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<GuardianService> logger)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The pupil's guardians at the school the user reaches: current ones by name, archived ones last.</summary>
    public async Task<GuardianList> ListAsync(int pupilId, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.GuardianList;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var reach = await ParentAccess.ReadReachAsync(db, scope, pupilId, Today, ct)
                    ?? throw await audit.RefusePupilAsync(staffId, action, AuditRecordKind.Guardian, pupilId, ct);

        var guardians = await db.Guardians.AsNoTracking()
            .Where(g => g.PupilId == pupilId && g.SchoolId == reach.SchoolId)
            .Select(g => new GuardianItem(g.Id, g.Name, g.Relationship, g.Phone, g.Email, g.HasParentalAuthority, g.ArchivedAt, g.Version))
            .ToListAsync(ct);
        await audit.RecordAsync(new AuditRecord(staffId, action, AuditRecordKind.Guardian, null, pupilId, reach.SchoolId, reach.Role), ct);
        logger.LogInformation("Guardians of pupil {PupilId} at school {SchoolId} read by staff {StaffMemberId}", pupilId, reach.SchoolId, staffId);

        var ordered = guardians
            .OrderBy(g => g.IsArchived)
            .ThenBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(g => g.Id)
            .ToList();
        return new GuardianList(pupilId, reach.SchoolId, reach.CanManage, reach.CanAdd, ordered);
    }

    /// <summary>Adds a guardian at the pupil's current school (its IB'er only).</summary>
    public async Task<int> AddAsync(int pupilId, GuardianInput input, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.GuardianAdd;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var valid = Validate(input);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var reach = await ParentAccess.AddReachAsync(db, scope, pupilId, Today, ct)
                    ?? throw await audit.RefusePupilAsync(staffId, action, AuditRecordKind.Guardian, pupilId, ct);

        var now = Now;
        var guardian = new Guardian
        {
            PupilId = pupilId,
            SchoolId = reach.SchoolId,
            Name = valid.Name,
            Relationship = valid.Relationship,
            Phone = valid.Phone,
            Email = valid.Email,
            HasParentalAuthority = valid.HasParentalAuthority,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Guardians.Add(guardian);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.Guardian, guardian.Id, pupilId, reach.SchoolId, reach.Role));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Guardian {GuardianId} added for pupil {PupilId} at school {SchoolId} by staff {StaffMemberId}",
            guardian.Id, pupilId, reach.SchoolId, staffId);
        return guardian.Id;
    }

    /// <summary>Changes a guardian's details (the school's IB'er only), if nobody changed them since <paramref name="expectedVersion"/>.</summary>
    public Task UpdateAsync(int guardianId, int expectedVersion, GuardianInput input, CancellationToken ct = default)
    {
        var valid = Validate(input);
        return ChangeAsync(guardianId, expectedVersion, ParentAuditActions.GuardianUpdate, guardian =>
        {
            if (guardian.ArchivedAt is not null)
                throw new DomainException("Deze ouder/verzorger is gearchiveerd; wijzigen kan niet meer. Voeg zo nodig een nieuwe toe.");
            guardian.Name = valid.Name;
            guardian.Relationship = valid.Relationship;
            guardian.Phone = valid.Phone;
            guardian.Email = valid.Email;
            guardian.HasParentalAuthority = valid.HasParentalAuthority;
        }, ct);
    }

    /// <summary>
    /// Archives a guardian who is no longer a contact. The record stays, because consents and conversations refer to
    /// it; an archived guardian can no longer answer a consent request.
    /// </summary>
    public Task ArchiveAsync(int guardianId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(guardianId, expectedVersion, ParentAuditActions.GuardianArchive, guardian =>
        {
            if (guardian.ArchivedAt is not null)
                throw new DomainException("Deze ouder/verzorger is al gearchiveerd.");
            guardian.ArchivedAt = Now;
        }, ct);

    private async Task ChangeAsync(int guardianId, int expectedVersion, string action, Action<Guardian> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);

        var guardian = await db.Guardians.SingleOrDefaultAsync(g => g.Id == guardianId, ct);
        if (guardian is null || !CareAccess.MayManage(scope, guardian.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Guardian, guardianId, ct);
        if (guardian.Version != expectedVersion)
            throw Conflict();

        apply(guardian);
        guardian.UpdatedAt = Now;
        guardian.Version++;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.Guardian, guardian.Id, guardian.PupilId, guardian.SchoolId,
            CareAccess.RoleFor(scope, guardian.PupilId, guardian.SchoolId)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
        logger.LogInformation("Guardian {GuardianId} of pupil {PupilId} changed ({Action}) by staff {StaffMemberId}",
            guardian.Id, guardian.PupilId, action, staffId);
    }

    private static ConcurrencyConflictException Conflict() =>
        new("Iemand anders heeft de gegevens van deze ouder/verzorger net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.");

    private sealed record ValidGuardian(string Name, string? Relationship, string? Phone, string? Email, bool HasParentalAuthority);

    private static ValidGuardian Validate(GuardianInput input)
    {
        var errors = new Dictionary<string, string>();
        var name = ParentText.Required(input.Name, nameof(GuardianInput.Name), GuardianInput.NameMaxLength, "De naam",
            "Vul de naam van de ouder of verzorger in.", errors);
        var relationship = ParentText.Optional(input.Relationship, nameof(GuardianInput.Relationship), GuardianInput.RelationshipMaxLength,
            "De relatie", errors);
        var phone = ParentText.Optional(input.Phone, nameof(GuardianInput.Phone), GuardianInput.PhoneMaxLength, "Het telefoonnummer", errors);
        if (phone is not null && !errors.ContainsKey(nameof(GuardianInput.Phone)) && !ParentText.IsPhone(phone))
            errors[nameof(GuardianInput.Phone)] = "Dit is geen geldig telefoonnummer. Gebruik alleen cijfers, bijvoorbeeld 06-12345678 of +31 6 12345678.";
        var email = ParentText.Optional(input.Email, nameof(GuardianInput.Email), GuardianInput.EmailMaxLength, "Het e-mailadres", errors);
        if (email is not null && !errors.ContainsKey(nameof(GuardianInput.Email)) && !ParentText.IsEmail(email))
            errors[nameof(GuardianInput.Email)] = "Dit is geen geldig e-mailadres. Controleer het, bijvoorbeeld naam@voorbeeld.nl.";
        if (input.HasParentalAuthority is null)
            errors[nameof(GuardianInput.HasParentalAuthority)] = "Geef aan of deze ouder of verzorger ouderlijk gezag heeft (ja of nee).";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
        return new ValidGuardian(name!, relationship, phone, email, input.HasParentalAuthority!.Value);
    }
}
