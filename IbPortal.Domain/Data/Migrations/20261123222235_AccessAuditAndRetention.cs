using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbPortal.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccessAuditAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymizedAt",
                table: "Pupils",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    RecordKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordId = table.Column<int>(type: "INTEGER", nullable: true),
                    PupilId = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DryRun = table.Column<bool>(type: "INTEGER", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PupilId_At",
                table: "AuditEntries",
                columns: new[] { "PupilId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_StaffMemberId_At",
                table: "AuditEntries",
                columns: new[] { "StaffMemberId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRuns_StartedAt",
                table: "RetentionRuns",
                column: "StartedAt");

            // The audit trail is append-only, also for anyone with a database client: the database refuses changes.
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql("""
                    CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
                    BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
                    """);
                migrationBuilder.Sql("""
                    CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
                    BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "RetentionRuns");

            migrationBuilder.DropColumn(
                name: "AnonymizedAt",
                table: "Pupils");
        }
    }
}
