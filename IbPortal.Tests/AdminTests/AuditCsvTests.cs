using IbPortal.Domain.Audit;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.AdminTests;

public sealed class AuditCsvTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("gewoon", "gewoon")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("zei \"hallo\"", "\"zei \"\"hallo\"\"\"")]
    [InlineData("twee\nregels", "\"twee\nregels\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+31 6 1234", "'+31 6 1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("=HYPERLINK(\"http://x\";\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"")]
    [InlineData("a=b", "a=b")]
    public void A_cell_is_quoted_where_needed_and_never_starts_a_formula(string? value, string expected) =>
        Assert.Equal(expected, AuditSearchService.CsvCell(value));

    [Fact]
    public async Task The_export_is_semicolon_separated_with_a_Dutch_header_a_byte_order_mark_and_CRLF_lines()
    {
        var ib = _database.StaffId(Logins.CareCoordinator);
        await _database.Audit.RecordAsync(new AuditRecord(ib, "concern.read", AuditRecordKind.Concern, 17, 4711,
            _database.SchoolId(Logins.SchoolA), "CareCoordinator"));

        var csv = await _database.AuditSearch(AdminScenario.PrivacyOfficer).ExportCsvAsync(new AuditQuery());

        Assert.StartsWith("\uFEFF", csv, StringComparison.Ordinal);
        var lines = csv[1..].Split("\r\n");
        Assert.Equal("Tijdstip;Medewerker-id;Medewerker;Rol;School;Actie;Soort record;Record-id;Leerling-id;Uitkomst", lines[0]);
        Assert.Equal("", lines[^1]);   // ends with a line break
        Assert.Equal(3, lines.Length);   // header, one entry, and the empty rest after the last line break
        var cells = lines[1].Split(';');
        Assert.Equal(["2026-11-24 09:30:00", ib.ToString(System.Globalization.CultureInfo.InvariantCulture), "Ilse Verbeek", "Intern begeleider"], cells[..4]);
        Assert.Equal(["concern.read", "Signalering", "17", "4711", "Toegestaan"], cells[5..]);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_name_that_looks_like_a_formula_or_holds_a_separator_is_exported_safely()
    {
        var evil = _database.AddStaff("evil", "=HYPERLINK(\"http://x\";\"klik\")", (PortalRole.Teacher, Logins.SchoolA));
        var semi = _database.AddStaff("semi", "Jan \"de Man\"; Jansen", (PortalRole.Teacher, Logins.SchoolA));
        var schoolA = _database.SchoolId(Logins.SchoolA);
        await _database.Audit.RecordAsync(new AuditRecord(evil, "concern.list", AuditRecordKind.Concern, null, null, schoolA, "Teacher"));
        await _database.Audit.RecordAsync(new AuditRecord(semi, "concern.list", AuditRecordKind.Concern, null, null, schoolA, "Teacher"));

        var csv = await _database.AuditSearch(AdminScenario.PrivacyOfficer).ExportCsvAsync(new AuditQuery());

        Assert.Contains($";{evil};\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\";Leerkracht;", csv, StringComparison.Ordinal);
        Assert.Contains($";{semi};\"Jan \"\"de Man\"\"; Jansen\";Leerkracht;", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(";=", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_applies_the_same_filters_as_the_search()
    {
        var ib = _database.StaffId(Logins.CareCoordinator);
        await _database.Audit.RecordAsync(new AuditRecord(ib, "concern.read", AuditRecordKind.Concern, 1, 1234, _database.SchoolId(Logins.SchoolA), "CareCoordinator"));
        await _database.Audit.RecordAsync(new AuditRecord(ib, "concern.read", AuditRecordKind.Concern, 2, 5678, _database.SchoolId(Logins.SchoolA), "CareCoordinator"));

        var csv = await _database.AuditSearch(AdminScenario.PrivacyOfficer).ExportCsvAsync(new AuditQuery { PupilId = 1234 });

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(";1;1234;Toegestaan", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_without_rows_still_has_the_header()
    {
        var csv = await _database.AuditSearch(AdminScenario.PrivacyOfficer).ExportCsvAsync(new AuditQuery { PupilId = 424242 });

        Assert.Equal("\uFEFFTijdstip;Medewerker-id;Medewerker;Rol;School;Actie;Soort record;Record-id;Leerling-id;Uitkomst\r\n", csv);
    }
}
