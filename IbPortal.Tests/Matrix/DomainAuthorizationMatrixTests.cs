using IbPortal.Domain.Audit;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace IbPortal.Tests.Matrix;

/// <summary>
/// The authorization matrix at the domain-service level: every kind of pupil data × every role (and no role) × own
/// school / other school. Each refusal must also leave a refusal in the audit trail.
/// </summary>
public sealed class DomainAuthorizationMatrixTests(MatrixWorld world, ITestOutputHelper output) : IClassFixture<MatrixWorld>
{
    [Theory]
    [MemberData(nameof(AuthorizationMatrix.Cases), MemberType = typeof(AuthorizationMatrix))]
    public async Task Role_reaches_exactly_what_the_rule_allows(string kind, PortalRole? role, Reach reach)
    {
        var row = AuthorizationMatrix.Kinds.Single(k => k.Name == kind);
        var login = MatrixWorld.LoginFor(role);
        var refusalsBefore = Refusals(login);

        var reached = await row.Attempt(world, login, reach);

        var expected = row.MayReach(role, reach);
        Assert.True(expected == reached,
            $"{kind}: {role?.ToString() ?? "no role"} at {reach} should {(expected ? "" : "not ")}reach the record, but {(reached ? "did" : "did not")}.");
        if (!reached && !row.Filters)
            Assert.True(Refusals(login) > refusalsBefore, $"{kind}: the refusal for {role?.ToString() ?? "no role"} was not audited.");
    }

    [Fact]
    public void Matrix_covers_every_kind_role_and_reach()
    {
        output.WriteLine($"Measured: domain authorization matrix {AuthorizationMatrix.Size} cases " +
                         $"({AuthorizationMatrix.Kinds.Length} kinds × {AuthorizationMatrix.Roles.Length} roles × {AuthorizationMatrix.Reaches.Length} reaches)");
        Assert.Equal(AuthorizationMatrix.Size, AuthorizationMatrix.Cases().Count);
        Assert.Equal(Enum.GetValues<PortalRole>().Length + 1, AuthorizationMatrix.Roles.Length);
    }

    private int Refusals(string login)
    {
        var staffId = world.StaffId(login);
        using var db = world.Database.CreateContext();
        return db.AuditEntries.AsNoTracking().Count(a => a.StaffMemberId == staffId && a.Outcome == AuditOutcome.Refused);
    }
}
