using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbPortal.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClassroomVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ObservationCriteriaSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BoardId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChangeNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedById = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObservationCriteriaSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ObservationCriteriaSets_Boards_BoardId",
                        column: x => x.BoardId,
                        principalTable: "Boards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeacherSupportRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeacherId = table.Column<int>(type: "INTEGER", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    PupilId = table.Column<int>(type: "INTEGER", nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PickedUpAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PickedUpById = table.Column<int>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<int>(type: "INTEGER", nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeacherSupportRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeacherSupportRequests_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeacherSupportRequests_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeacherSupportRequests_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeacherSupportRequests_StaffMembers_TeacherId",
                        column: x => x.TeacherId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ObservationAreas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CriteriaSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObservationAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ObservationAreas_ObservationCriteriaSets_CriteriaSetId",
                        column: x => x.CriteriaSetId,
                        principalTable: "ObservationCriteriaSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClassroomVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeacherId = table.Column<int>(type: "INTEGER", nullable: false),
                    CoordinatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Focus = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ConcernId = table.Column<int>(type: "INTEGER", nullable: true),
                    SupportRequestId = table.Column<int>(type: "INTEGER", nullable: true),
                    FollowUpOfId = table.Column<int>(type: "INTEGER", nullable: true),
                    CriteriaSetId = table.Column<int>(type: "INTEGER", nullable: true),
                    ObservationNotes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ObservedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FeedbackNotes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    FeedbackAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReflectionWentWell = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReflectionToImprove = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReflectionSupportNeeded = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReflectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassroomVisits", x => x.Id);
                    table.CheckConstraint("CK_ClassroomVisit_Duration", "\"DurationMinutes\" >= 10 AND \"DurationMinutes\" <= 240");
                    table.ForeignKey(
                        name: "FK_ClassroomVisits_ClassroomVisits_FollowUpOfId",
                        column: x => x.FollowUpOfId,
                        principalTable: "ClassroomVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassroomVisits_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ClassroomVisits_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassroomVisits_ObservationCriteriaSets_CriteriaSetId",
                        column: x => x.CriteriaSetId,
                        principalTable: "ObservationCriteriaSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassroomVisits_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassroomVisits_StaffMembers_CoordinatorId",
                        column: x => x.CoordinatorId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassroomVisits_StaffMembers_TeacherId",
                        column: x => x.TeacherId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassroomVisits_TeacherSupportRequests_SupportRequestId",
                        column: x => x.SupportRequestId,
                        principalTable: "TeacherSupportRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ObservationCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObservationCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ObservationCriteria_ObservationAreas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "ObservationAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachingGoals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeacherId = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: true),
                    SupportRequestId = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachingGoals_ClassroomVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "ClassroomVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoachingGoals_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoachingGoals_StaffMembers_TeacherId",
                        column: x => x.TeacherId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoachingGoals_TeacherSupportRequests_SupportRequestId",
                        column: x => x.SupportRequestId,
                        principalTable: "TeacherSupportRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "VisitPupilNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PupilId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitPupilNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitPupilNotes_ClassroomVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "ClassroomVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VisitPupilNotes_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitPupilNotes_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VisitScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitScores", x => x.Id);
                    table.CheckConstraint("CK_VisitScore_Scale", "\"Score\" IS NULL OR (\"Score\" >= 1 AND \"Score\" <= 4)");
                    table.ForeignKey(
                        name: "FK_VisitScores_ClassroomVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "ClassroomVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VisitScores_ObservationCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "ObservationCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClassroomVisits_ConcernId",
                table: "ClassroomVisits",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassroomVisits_CoordinatorId",
                table: "ClassroomVisits",
                column: "CoordinatorId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassroomVisits_CriteriaSetId",
                table: "ClassroomVisits",
                column: "CriteriaSetId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassroomVisits_FollowUpOfId",
                table: "ClassroomVisits",
                column: "FollowUpOfId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassroomVisits_GroupId",
                table: "ClassroomVisits",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassroomVisits_SchoolId_ScheduledAt",
                table: "ClassroomVisits",
                columns: new[] { "SchoolId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClassroomVisits_SupportRequestId",
                table: "ClassroomVisits",
                column: "SupportRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassroomVisits_TeacherId_ScheduledAt",
                table: "ClassroomVisits",
                columns: new[] { "TeacherId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingGoals_SchoolId",
                table: "CoachingGoals",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachingGoals_SupportRequestId",
                table: "CoachingGoals",
                column: "SupportRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachingGoals_TeacherId_SchoolId_Status",
                table: "CoachingGoals",
                columns: new[] { "TeacherId", "SchoolId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingGoals_VisitId",
                table: "CoachingGoals",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_ObservationAreas_CriteriaSetId_Position",
                table: "ObservationAreas",
                columns: new[] { "CriteriaSetId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ObservationCriteria_AreaId_Position",
                table: "ObservationCriteria",
                columns: new[] { "AreaId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ObservationCriteriaSets_BoardId_Version",
                table: "ObservationCriteriaSets",
                columns: new[] { "BoardId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeacherSupportRequests_GroupId",
                table: "TeacherSupportRequests",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_TeacherSupportRequests_PupilId",
                table: "TeacherSupportRequests",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_TeacherSupportRequests_SchoolId_Status_CreatedAt",
                table: "TeacherSupportRequests",
                columns: new[] { "SchoolId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TeacherSupportRequests_TeacherId_CreatedAt",
                table: "TeacherSupportRequests",
                columns: new[] { "TeacherId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitPupilNotes_PupilId_SchoolId",
                table: "VisitPupilNotes",
                columns: new[] { "PupilId", "SchoolId" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitPupilNotes_SchoolId",
                table: "VisitPupilNotes",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPupilNotes_VisitId",
                table: "VisitPupilNotes",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitScores_CriterionId",
                table: "VisitScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitScores_VisitId_CriterionId",
                table: "VisitScores",
                columns: new[] { "VisitId", "CriterionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoachingGoals");

            migrationBuilder.DropTable(
                name: "VisitPupilNotes");

            migrationBuilder.DropTable(
                name: "VisitScores");

            migrationBuilder.DropTable(
                name: "ClassroomVisits");

            migrationBuilder.DropTable(
                name: "ObservationCriteria");

            migrationBuilder.DropTable(
                name: "TeacherSupportRequests");

            migrationBuilder.DropTable(
                name: "ObservationAreas");

            migrationBuilder.DropTable(
                name: "ObservationCriteriaSets");
        }
    }
}
