using System.Net;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IbPortal.Tests.Matrix;

/// <summary>The running app with the matrix staff (one per role at school A, one without roles) and targets at both schools.</summary>
public sealed class WebMatrixWorld : IAsyncLifetime
{
    private readonly Dictionary<string, string> _cookies = [];

    public PortalAppFactory App { get; } = new();
    public int PupilA { get; private set; }
    public int PupilB { get; private set; }
    public int ConcernA { get; private set; }
    public int ConcernB { get; private set; }

    public int PupilAt(Reach reach) => reach == Reach.OwnSchool ? PupilA : PupilB;
    public int ConcernAt(Reach reach) => reach == Reach.OwnSchool ? ConcernA : ConcernB;

    public async Task InitializeAsync()
    {
        await using (var db = await App.CreateDbContextAsync())
        {
            var schoolA = await db.Schools.SingleAsync(s => s.ShortName == Logins.SchoolA);
            var group5 = await db.Groups.SingleAsync(g => g.SchoolId == schoolA.Id && g.Name == "5");
            foreach (var role in Enum.GetValues<PortalRole>())
            {
                var member = new StaffMember { Login = MatrixWorld.LoginFor(role), DisplayName = $"Matrix {role}" };
                member.Roles.Add(new RoleAssignment { Role = role, SchoolId = schoolA.Id });
                if (role == PortalRole.Teacher)
                    member.Groups.Add(new GroupTeacher { GroupId = group5.Id });
                db.StaffMembers.Add(member);
            }
            db.StaffMembers.Add(new StaffMember { Login = MatrixWorld.NoAssignmentLogin, DisplayName = "Matrix zonder rol" });
            await db.SaveChangesAsync();
        }
        PupilA = await App.PupilOfAsync(Logins.TeacherA);
        PupilB = await App.PupilOfAsync(Logins.TeacherB);
        ConcernA = await App.RaiseConcernAsync(Logins.TeacherA, PupilA, "Matrix: leest spellend.");
        ConcernB = await App.RaiseConcernAsync(Logins.TeacherB, PupilB, "Matrix: trekt zich terug.");
    }

    /// <summary>The sign-in cookie of <paramref name="login"/>, signed in once per login.</summary>
    public async Task<string> CookieAsync(string login)
    {
        if (!_cookies.TryGetValue(login, out var cookie))
            _cookies[login] = cookie = await App.SignInCookieAsync(login);
        return cookie;
    }

    public async Task<HttpResponseMessage> GetAsync(string login, string path)
    {
        using var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", await CookieAsync(login));
        return await client.SendAsync(request);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>One kind of pupil data as reached over the web (HTTP endpoints and the SignalR hub).</summary>
public sealed record WebDataKind(
    string Name,
    Func<WebMatrixWorld, string, Reach, Task<bool>> Attempt,
    Func<PortalRole?, Reach, bool> MayReach);

/// <summary>
/// The authorization matrix over the web: the same rules as the domain matrix, reached through the app's HTTP
/// endpoints and the SignalR hub with real sign-in cookies. Guessing ids of another school's records yields nothing.
/// </summary>
[Collection(WebAppTests.Name)]
public sealed class WebAuthorizationMatrixTests(WebMatrixWorld world, ITestOutputHelper output) : IClassFixture<WebMatrixWorld>
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    public static readonly WebDataKind[] Kinds =
    [
        new("hub: GetConcern",
            async (w, login, reach) =>
            {
                await using var hub = ConcernHubClient.Create(w.App, await w.CookieAsync(login));
                await hub.Connection.StartAsync().WaitAsync(ConcernHubClient.Timeout);
                try
                {
                    var summary = await hub.Connection.InvokeAsync<Domain.Concerns.ConcernSummary>("GetConcern", w.ConcernAt(reach))
                        .WaitAsync(ConcernHubClient.Timeout);
                    return summary.Id == w.ConcernAt(reach);
                }
                catch (HubException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("http: inzage export (JSON)",
            async (w, login, reach) =>
            {
                using var response = await w.GetAsync(login, $"/leerlingen/{w.PupilAt(reach)}/inzage.json");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"unexpected {response.StatusCode}");
                return response.StatusCode == HttpStatusCode.OK;
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.PrivacyOfficer),

        new("http: audit trail export (CSV) by pupil",
            async (w, login, reach) =>
            {
                using var response = await w.GetAsync(login, $"/privacy/audit.csv?leerling={w.PupilAt(reach)}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"unexpected {response.StatusCode}");
                if (response.StatusCode != HttpStatusCode.OK)
                    return false;
                var csv = await response.Content.ReadAsStringAsync();
                // Reached when the export holds at least one entry about this pupil (the header row aside).
                return csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Any(line => line.Contains("concern.raise", StringComparison.Ordinal));
            },
            (role, reach) => Own(reach) && role is PortalRole.PrivacyOfficer),

        new("http: referral summary (Word document)",
            async (w, login, reach) =>
            {
                var pupil = w.PupilAt(reach);
                int referral;
                await using (var scope = await w.App.ScopeForAsync(Logins.CareCoordinator))
                {
                    referral = await scope.ServiceProvider.GetRequiredService<Domain.Partnership.ReferralService>().CreateAsync(pupil,
                        new Domain.Partnership.ReferralInput { Kind = Domain.Partnership.ReferralKind.Consultation, SupportQuestion = "Matrix: welke ondersteuning past?" });
                }
                using var response = await w.GetAsync(login, $"/leerlingen/{pupil}/verwijzingen/{referral}/samenvatting.docx");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"unexpected {response.StatusCode}");
                if (response.StatusCode != HttpStatusCode.OK)
                    return false;
                Assert.Equal(Domain.Partnership.ReferralDocument.WordContentType, response.Content.Headers.ContentType?.MediaType);
                return true;
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),
    ];

    public static TheoryData<string, PortalRole?, Reach> Cases()
    {
        var data = new TheoryData<string, PortalRole?, Reach>();
        foreach (var kind in Kinds)
            foreach (var role in AuthorizationMatrix.Roles)
                foreach (var reach in AuthorizationMatrix.Reaches)
                    data.Add(kind.Name, role, reach);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_reaches_over_the_web_exactly_what_the_rule_allows(string kind, PortalRole? role, Reach reach)
    {
        var row = Kinds.Single(k => k.Name == kind);

        var reached = await row.Attempt(world, MatrixWorld.LoginFor(role), reach);

        var expected = row.MayReach(role, reach);
        Assert.True(expected == reached,
            $"{kind}: {role?.ToString() ?? "no role"} at {reach} should {(expected ? "" : "not ")}reach the record, but {(reached ? "did" : "did not")}.");
    }

    [Theory]
    [InlineData("/leerlingen/{pupil}/inzage.json")]
    [InlineData("/privacy/audit.csv?leerling={pupil}")]
    [InlineData("/leerlingen/{pupil}/verwijzingen/1/samenvatting.docx")]
    public async Task Without_sign_in_every_endpoint_sends_to_sign_in(string template)
    {
        using var client = world.App.CreateBrowserlessClient();
        using var response = await client.GetAsync(new Uri(template.Replace("{pupil}", world.PupilA.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void Web_matrix_size_is_reported()
    {
        var size = Kinds.Length * AuthorizationMatrix.Roles.Length * AuthorizationMatrix.Reaches.Length;
        output.WriteLine($"Measured: web authorization matrix {size} cases ({Kinds.Length} kinds × {AuthorizationMatrix.Roles.Length} roles × {AuthorizationMatrix.Reaches.Length} reaches) + 3 anonymous");
        Assert.Equal(size, Cases().Count);
    }
}
