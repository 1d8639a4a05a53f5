using IbPortal.Domain.Access;
using Microsoft.Extensions.Logging.Abstractions;
using IbPortal.Domain.Staff;
using IbPortal.Tests.DomainTests;

namespace IbPortal.Tests.Matrix;

/// <summary>
/// One kind of pupil data, as a row of the authorization matrix: how a user tries to reach a record of that kind,
/// and who may. Adding a kind of data is adding one row to <see cref="AuthorizationMatrix.Kinds"/>.
/// </summary>
/// <param name="Name">How the case reads in the test output.</param>
/// <param name="Attempt">Tries to reach the record as the signed-in login; true when the record was reached.</param>
/// <param name="MayReach">The rule: whether a user with this role (null: no role at all) reaches a record at this reach.</param>
/// <param name="Filters">True when not reaching means "left out of a result" rather than "refused" (lists, searches),
/// so that no refusal is expected in the audit trail.</param>
public sealed record DataKind(
    string Name,
    Func<MatrixWorld, string, Reach, Task<bool>> Attempt,
    Func<PortalRole?, Reach, bool> MayReach,
    bool Filters = false);

public static class AuthorizationMatrix
{
    /// <summary>The roles of the matrix; null is a signed-in person without any role.</summary>
    public static readonly PortalRole?[] Roles = [.. Enum.GetValues<PortalRole>().Cast<PortalRole?>(), null];

    public static readonly Reach[] Reaches = Enum.GetValues<Reach>();

    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    /// <summary>Every kind of pupil data at the domain-service level: the core rows and each care module's rows.</summary>
    public static readonly DataKind[] Kinds =
    [
        .. CoreKinds(),
        .. DiscussionMatrixRows.Kinds,
        .. SupportMatrixRows.Kinds,
        .. ParentMatrixRows.Kinds,
        .. PartnershipMatrixRows.Kinds,
        .. VisitMatrixRows.Kinds,
        .. ObservationMatrixRows.Kinds,
        .. CoachingMatrixRows.Kinds,
        .. SupportRequestMatrixRows.Kinds,
        .. QualityTrendMatrixRows.Kinds,
        .. BoatSignalMatrixRows.Kinds,
        .. QualityCycleMatrixRows.Kinds,
    ];

    private static DataKind[] CoreKinds() =>
    [
        new("concern: read detail",
            (w, login, reach) => Reached(() => w.Database.Concerns(login).GetDetailAsync(w.ConcernAt(reach))),
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("concern: appear in lists",
            async (w, login, reach) =>
            {
                try
                {
                    var list = await w.Database.Concerns(login).ListAsync(new Domain.Concerns.ConcernListQuery { Take = 10_000 });
                    return list.Any(c => c.Id == w.ConcernAt(reach));
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher,
            Filters: true),

        new("concern: flag the pupil",
            (w, login, reach) => Reached(() => w.Database.Concerns(login).RaiseAsync(new Domain.Concerns.NewConcern
            {
                PupilId = w.PupilAt(reach),
                Area = Domain.Concerns.DevelopmentArea.Cognitive,
                Observation = "Matrix: rekent nog op de vingers.",
            })),
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("concern: acknowledge (manage)",
            (w, login, reach) =>
            {
                var id = w.FreshConcernAt(reach);
                return Reached(() => w.Database.Concerns(login).AcknowledgeAsync(id, 0));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("concern: read summary (hub)",
            async (w, login, reach) =>
            {
                try
                {
                    return await w.Database.Concerns(login).ReadSummaryAsync(w.ConcernAt(reach)) is not null;
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("concern: live summary (dashboards)",
            async (w, login, reach) =>
            {
                try
                {
                    return await w.Database.Feed(login).SummaryOfAsync(w.Database.ChangeOf(w.ConcernAt(reach))) is not null;
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher,
            // A live feed leaves out what the user may not see (like FindSummaryAsync, a refresh of the user's own screen).
            Filters: true),

        new("pupil file: read",
            (w, login, reach) => Reached(() => w.Database.Service<Domain.Privacy.PupilFileService>(login).GetAsync(w.PupilAt(reach))),
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("inzage: export everything about the pupil",
            (w, login, reach) => Reached(() => w.Database.Service<Domain.Privacy.InzageService>(login).ExportAsync(w.PupilAt(reach))),
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.PrivacyOfficer),

        new("audit trail: search by pupil",
            async (w, login, reach) =>
            {
                try
                {
                    var result = await new Domain.Audit.AuditSearchService(w.Database.Factory, w.Database.UserFor(login),
                            w.Database.Audit, w.Database.Clock, NullLogger<Domain.Audit.AuditSearchService>.Instance)
                        .SearchAsync(new Domain.Audit.AuditQuery { PupilId = w.PupilAt(reach) });
                    return result.Rows.Any(r => r.Action == "concern.raise");
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.PrivacyOfficer,
            Filters: true),

        new("pupil: preselect in the flag form",
            (w, login, reach) => Reached(() => w.Database.Pupils(login).GetFlaggableAsync(w.PupilAt(reach))),
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),
    ];

    /// <summary>Every (kind, role, reach) combination, for a theory.</summary>
    public static TheoryData<string, PortalRole?, Reach> Cases()
    {
        var data = new TheoryData<string, PortalRole?, Reach>();
        foreach (var kind in Kinds)
            foreach (var role in Roles)
                foreach (var reach in Reaches)
                    data.Add(kind.Name, role, reach);
        return data;
    }

    public static int Size => Kinds.Length * Roles.Length * Reaches.Length;

    /// <summary>Runs an attempt: reached when it returns, not reached on an access refusal. Anything else is a failure.</summary>
    public static async Task<bool> Reached(Func<Task> attempt)
    {
        try
        {
            await attempt();
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }
}
