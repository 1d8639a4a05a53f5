using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbPortal.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConcernSubmissionKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SubmissionId",
                table: "Concerns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_AuthorId_SubmissionId",
                table: "Concerns",
                columns: new[] { "AuthorId", "SubmissionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Concerns_AuthorId_SubmissionId",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "SubmissionId",
                table: "Concerns");
        }
    }
}
