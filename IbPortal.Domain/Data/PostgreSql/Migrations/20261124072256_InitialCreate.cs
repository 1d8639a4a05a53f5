using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IbPortal.Domain.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: true),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    SchoolId = table.Column<int>(type: "integer", nullable: true),
                    Action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    RecordKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordId = table.Column<int>(type: "integer", nullable: true),
                    PupilId = table.Column<int>(type: "integer", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Boards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Boards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Xml = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Pupils",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Infix = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: false),
                    AnonymizedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pupils", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DryRun = table.Column<bool>(type: "boolean", nullable: false),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: true),
                    Summary = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SchoolYears",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartYear = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolYears", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StaffMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Login = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ObservationCriteriaSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BoardId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChangeNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedById = table.Column<int>(type: "integer", nullable: true)
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
                name: "Schools",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BoardId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Color = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Schools_Boards_BoardId",
                        column: x => x.BoardId,
                        principalTable: "Boards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ObservationAreas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CriteriaSetId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                name: "DevelopmentPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Perspective = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AgreedWithParentsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastEvaluatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NextEvaluationOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DevelopmentPlans_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DevelopmentPlans_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DevelopmentPlans_StaffMembers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Groups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolYearId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FirstGrade = table.Column<int>(type: "integer", nullable: false),
                    LastGrade = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Groups", x => x.Id);
                    table.CheckConstraint("CK_Group_Grades", "\"FirstGrade\" >= 1 AND \"LastGrade\" <= 8 AND \"FirstGrade\" <= \"LastGrade\"");
                    table.ForeignKey(
                        name: "FK_Groups_SchoolYears_SchoolYearId",
                        column: x => x.SchoolYearId,
                        principalTable: "SchoolYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Groups_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Guardians",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    HasParentalAuthority = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Guardians", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Guardians_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Guardians_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ParentConversations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ParentExpectations = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SchoolExpectations = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Agenda = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Discussed = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AgreedGoals = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NextOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParentConversations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ParentConversations_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ParentConversations_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartnershipReferrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SupportQuestion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TriedAndEffect = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EducationalNeeds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ParentsView = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ConsultantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentId = table.Column<int>(type: "integer", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnershipReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnershipReferrals_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnershipReferrals_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualityGoals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolYearStart = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IndicatorText = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Baseline = table.Column<double>(type: "double precision", nullable: true),
                    Target = table.Column<double>(type: "double precision", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityGoals_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityGoals_StaffMembers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoleAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoleAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupportLevelChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    PreviousLevel = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ConsentId = table.Column<int>(type: "integer", nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedById = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportLevelChanges", x => x.Id);
                    table.CheckConstraint("CK_SupportLevelChange_Level", "\"Level\" >= 1 AND \"Level\" <= 5");
                    table.ForeignKey(
                        name: "FK_SupportLevelChanges_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupportLevelChanges_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupportLevelChanges_StaffMembers_ChangedById",
                        column: x => x.ChangedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupportPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosingNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EducationalNeeds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DiscussionId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportPlans_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupportPlans_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupportPlans_StaffMembers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ObservationCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AreaId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
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
                name: "DevelopmentPlanEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DevelopmentPlanId = table.Column<int>(type: "integer", nullable: false),
                    EvaluatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EvaluatedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentPlanEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DevelopmentPlanEvaluations_DevelopmentPlans_DevelopmentPlan~",
                        column: x => x.DevelopmentPlanId,
                        principalTable: "DevelopmentPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DevelopmentPlanEvaluations_StaffMembers_EvaluatedById",
                        column: x => x.EvaluatedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BoatSignals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reasons = table.Column<int>(type: "integer", nullable: false),
                    PupilCount = table.Column<int>(type: "integer", nullable: false),
                    PupilsWithOpenConcerns = table.Column<int>(type: "integer", nullable: false),
                    NewConcerns = table.Column<int>(type: "integer", nullable: false),
                    NewConcernsWeeks = table.Column<int>(type: "integer", nullable: false),
                    PupilsAtHighSupportLevel = table.Column<int>(type: "integer", nullable: false),
                    Proposed = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Response = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BoatSignals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BoatSignals_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BoatSignals_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BoatSignals_StaffMembers_ClosedById",
                        column: x => x.ClosedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Concerns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    AuthorId = table.Column<int>(type: "integer", nullable: false),
                    Area = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubAreas = table.Column<int>(type: "integer", nullable: false),
                    Observation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Since = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AlreadyTried = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NextStep = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedById = table.Column<int>(type: "integer", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Concerns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Concerns_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Concerns_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Concerns_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Concerns_StaffMembers_AcknowledgedById",
                        column: x => x.AcknowledgedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Concerns_StaffMembers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Discussions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CoordinatorId = table.Column<int>(type: "integer", nullable: false),
                    TeacherId = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Decisions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HeldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Discussions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Discussions_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discussions_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discussions_StaffMembers_CoordinatorId",
                        column: x => x.CoordinatorId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discussions_StaffMembers_TeacherId",
                        column: x => x.TeacherId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Enrolments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    EnrolledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enrolments_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrolments_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupTeachers",
                columns: table => new
                {
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupTeachers", x => new { x.GroupId, x.StaffMemberId });
                    table.ForeignKey(
                        name: "FK_GroupTeachers_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupTeachers_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeacherSupportRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    TeacherId = table.Column<int>(type: "integer", nullable: false),
                    Topic = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    GroupId = table.Column<int>(type: "integer", nullable: true),
                    PupilId = table.Column<int>(type: "integer", nullable: true),
                    Question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PickedUpAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PickedUpById = table.Column<int>(type: "integer", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<int>(type: "integer", nullable: true),
                    Response = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                name: "Consents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedById = table.Column<int>(type: "integer", nullable: false),
                    GuardianId = table.Column<int>(type: "integer", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consents_Guardians_GuardianId",
                        column: x => x.GuardianId,
                        principalTable: "Guardians",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consents_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consents_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualityActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GoalId = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityActions_QualityGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "QualityGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QualityActions_StaffMembers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualityChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GoalId = table.Column<int>(type: "integer", nullable: false),
                    CheckedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    MeasuredValue = table.Column<double>(type: "double precision", nullable: true),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityChecks_QualityGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "QualityGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QualityChecks_StaffMembers_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanGoals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReviewOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanGoals_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConcernHistory",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConcernId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<int>(type: "integer", nullable: false),
                    Change = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ToStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernHistory_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConcernHistory_StaffMembers_ActorId",
                        column: x => x.ActorId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    DiscussionId = table.Column<int>(type: "integer", nullable: true),
                    PupilId = table.Column<int>(type: "integer", nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedById = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionItems_Discussions_DiscussionId",
                        column: x => x.DiscussionId,
                        principalTable: "Discussions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionItems_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionItems_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionItems_StaffMembers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgendaItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DiscussionId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PupilId = table.Column<int>(type: "integer", nullable: true),
                    ConcernId = table.Column<int>(type: "integer", nullable: true),
                    GoalId = table.Column<int>(type: "integer", nullable: true),
                    IsDone = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Discussions_DiscussionId",
                        column: x => x.DiscussionId,
                        principalTable: "Discussions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DiscussionPupils",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DiscussionId = table.Column<int>(type: "integer", nullable: false),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    EducationalNeeds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    StimulatingFactors = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    HinderingFactors = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscussionPupils", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiscussionPupils_Discussions_DiscussionId",
                        column: x => x.DiscussionId,
                        principalTable: "Discussions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DiscussionPupils_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClassroomVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    TeacherId = table.Column<int>(type: "integer", nullable: false),
                    CoordinatorId = table.Column<int>(type: "integer", nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Focus = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ConcernId = table.Column<int>(type: "integer", nullable: true),
                    SupportRequestId = table.Column<int>(type: "integer", nullable: true),
                    FollowUpOfId = table.Column<int>(type: "integer", nullable: true),
                    CriteriaSetId = table.Column<int>(type: "integer", nullable: true),
                    ObservationNotes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ObservedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FeedbackNotes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    FeedbackAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReflectionWentWell = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReflectionToImprove = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReflectionSupportNeeded = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReflectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                name: "ExternalExpertReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExpertName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpertRole = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TookPlaceOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Findings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ConsentId = table.Column<int>(type: "integer", nullable: false),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalExpertReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExternalExpertReports_Consents_ConsentId",
                        column: x => x.ConsentId,
                        principalTable: "Consents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExternalExpertReports_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExternalExpertReports_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualityAdjustments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GoalId = table.Column<int>(type: "integer", nullable: false),
                    CheckId = table.Column<int>(type: "integer", nullable: true),
                    Decision = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityAdjustments_QualityChecks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "QualityChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_QualityAdjustments_QualityGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "QualityGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QualityAdjustments_StaffMembers_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GoalEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GoalId = table.Column<int>(type: "integer", nullable: false),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EvaluatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EvaluatedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoalEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoalEvaluations_PlanGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "PlanGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GoalEvaluations_StaffMembers_EvaluatedById",
                        column: x => x.EvaluatedById,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ParentConversationGoals",
                columns: table => new
                {
                    ConversationId = table.Column<int>(type: "integer", nullable: false),
                    GoalId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParentConversationGoals", x => new { x.ConversationId, x.GoalId });
                    table.ForeignKey(
                        name: "FK_ParentConversationGoals_ParentConversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "ParentConversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ParentConversationGoals_PlanGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "PlanGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoachingGoals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    TeacherId = table.Column<int>(type: "integer", nullable: false),
                    VisitId = table.Column<int>(type: "integer", nullable: true),
                    SupportRequestId = table.Column<int>(type: "integer", nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VisitId = table.Column<int>(type: "integer", nullable: false),
                    PupilId = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VisitId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                name: "IX_ActionItems_DiscussionId",
                table: "ActionItems",
                column: "DiscussionId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_OwnerId_CompletedAt_DueOn",
                table: "ActionItems",
                columns: new[] { "OwnerId", "CompletedAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_PupilId",
                table: "ActionItems",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_SchoolId_CompletedAt_DueOn",
                table: "ActionItems",
                columns: new[] { "SchoolId", "CompletedAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_DiscussionId_Position",
                table: "AgendaItems",
                columns: new[] { "DiscussionId", "Position" });

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
                name: "IX_BoatSignals_ClosedById",
                table: "BoatSignals",
                column: "ClosedById");

            migrationBuilder.CreateIndex(
                name: "IX_BoatSignals_GroupId_Open",
                table: "BoatSignals",
                column: "GroupId",
                unique: true,
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_BoatSignals_GroupId_RaisedAt",
                table: "BoatSignals",
                columns: new[] { "GroupId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BoatSignals_SchoolId_Status_RaisedAt",
                table: "BoatSignals",
                columns: new[] { "SchoolId", "Status", "RaisedAt" });

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
                name: "IX_ConcernHistory_ActorId",
                table: "ConcernHistory",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_ConcernHistory_ConcernId_At",
                table: "ConcernHistory",
                columns: new[] { "ConcernId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_AcknowledgedById",
                table: "Concerns",
                column: "AcknowledgedById");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_AuthorId_RaisedAt",
                table: "Concerns",
                columns: new[] { "AuthorId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_GroupId_Status",
                table: "Concerns",
                columns: new[] { "GroupId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_PupilId_Status",
                table: "Concerns",
                columns: new[] { "PupilId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_SchoolId_Status_RaisedAt",
                table: "Concerns",
                columns: new[] { "SchoolId", "Status", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_GuardianId",
                table: "Consents",
                column: "GuardianId");

            migrationBuilder.CreateIndex(
                name: "IX_Consents_OneOpenRequest",
                table: "Consents",
                columns: new[] { "PupilId", "SchoolId", "Purpose" },
                unique: true,
                filter: "\"State\" = 'Requested'");

            migrationBuilder.CreateIndex(
                name: "IX_Consents_SchoolId_State",
                table: "Consents",
                columns: new[] { "SchoolId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentPlanEvaluations_DevelopmentPlanId_EvaluatedOn",
                table: "DevelopmentPlanEvaluations",
                columns: new[] { "DevelopmentPlanId", "EvaluatedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentPlanEvaluations_EvaluatedById",
                table: "DevelopmentPlanEvaluations",
                column: "EvaluatedById");

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentPlans_CreatedById",
                table: "DevelopmentPlans",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentPlans_OneActive",
                table: "DevelopmentPlans",
                columns: new[] { "PupilId", "SchoolId" },
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentPlans_SchoolId_NextEvaluationOn",
                table: "DevelopmentPlans",
                columns: new[] { "SchoolId", "NextEvaluationOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionPupils_DiscussionId_PupilId",
                table: "DiscussionPupils",
                columns: new[] { "DiscussionId", "PupilId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionPupils_PupilId",
                table: "DiscussionPupils",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_Discussions_CoordinatorId",
                table: "Discussions",
                column: "CoordinatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Discussions_GroupId_ScheduledAt",
                table: "Discussions",
                columns: new[] { "GroupId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Discussions_SchoolId_ScheduledAt",
                table: "Discussions",
                columns: new[] { "SchoolId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Discussions_TeacherId_ScheduledAt",
                table: "Discussions",
                columns: new[] { "TeacherId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_GroupId_PupilId",
                table: "Enrolments",
                columns: new[] { "GroupId", "PupilId" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_PupilId",
                table: "Enrolments",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalExpertReports_ConsentId",
                table: "ExternalExpertReports",
                column: "ConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalExpertReports_PupilId_SchoolId_TookPlaceOn",
                table: "ExternalExpertReports",
                columns: new[] { "PupilId", "SchoolId", "TookPlaceOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ExternalExpertReports_SchoolId",
                table: "ExternalExpertReports",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_GoalEvaluations_EvaluatedById",
                table: "GoalEvaluations",
                column: "EvaluatedById");

            migrationBuilder.CreateIndex(
                name: "IX_GoalEvaluations_GoalId_EvaluatedOn",
                table: "GoalEvaluations",
                columns: new[] { "GoalId", "EvaluatedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_SchoolId_SchoolYearId_Name",
                table: "Groups",
                columns: new[] { "SchoolId", "SchoolYearId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Groups_SchoolYearId",
                table: "Groups",
                column: "SchoolYearId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupTeachers_StaffMemberId",
                table: "GroupTeachers",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Guardians_PupilId_SchoolId",
                table: "Guardians",
                columns: new[] { "PupilId", "SchoolId" });

            migrationBuilder.CreateIndex(
                name: "IX_Guardians_SchoolId",
                table: "Guardians",
                column: "SchoolId");

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
                name: "IX_ParentConversationGoals_GoalId",
                table: "ParentConversationGoals",
                column: "GoalId");

            migrationBuilder.CreateIndex(
                name: "IX_ParentConversations_PupilId_SchoolId_HeldOn",
                table: "ParentConversations",
                columns: new[] { "PupilId", "SchoolId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ParentConversations_SchoolId",
                table: "ParentConversations",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnershipReferrals_PupilId_SchoolId",
                table: "PartnershipReferrals",
                columns: new[] { "PupilId", "SchoolId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnershipReferrals_SchoolId_Status",
                table: "PartnershipReferrals",
                columns: new[] { "SchoolId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanGoals_PlanId_Position",
                table: "PlanGoals",
                columns: new[] { "PlanId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanGoals_ReviewOn",
                table: "PlanGoals",
                column: "ReviewOn");

            migrationBuilder.CreateIndex(
                name: "IX_QualityActions_GoalId_DueOn",
                table: "QualityActions",
                columns: new[] { "GoalId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityActions_OwnerId_Status_DueOn",
                table: "QualityActions",
                columns: new[] { "OwnerId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityAdjustments_CheckId",
                table: "QualityAdjustments",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityAdjustments_GoalId_DecidedOn",
                table: "QualityAdjustments",
                columns: new[] { "GoalId", "DecidedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityAdjustments_RecordedById",
                table: "QualityAdjustments",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_QualityChecks_GoalId_CheckedOn",
                table: "QualityChecks",
                columns: new[] { "GoalId", "CheckedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityChecks_RecordedById",
                table: "QualityChecks",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_QualityGoals_CreatedById",
                table: "QualityGoals",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_QualityGoals_SchoolId_SchoolYearStart",
                table: "QualityGoals",
                columns: new[] { "SchoolId", "SchoolYearStart" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRuns_StartedAt",
                table: "RetentionRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_SchoolId",
                table: "RoleAssignments",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_StaffMemberId_Role_SchoolId",
                table: "RoleAssignments",
                columns: new[] { "StaffMemberId", "Role", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Schools_BoardId",
                table: "Schools",
                column: "BoardId");

            migrationBuilder.CreateIndex(
                name: "IX_Schools_ShortName",
                table: "Schools",
                column: "ShortName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchoolYears_StartYear",
                table: "SchoolYears",
                column: "StartYear",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffMembers_ExternalId",
                table: "StaffMembers",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffMembers_Login",
                table: "StaffMembers",
                column: "Login",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupportLevelChanges_ChangedById",
                table: "SupportLevelChanges",
                column: "ChangedById");

            migrationBuilder.CreateIndex(
                name: "IX_SupportLevelChanges_PupilId_SchoolId_ChangedAt",
                table: "SupportLevelChanges",
                columns: new[] { "PupilId", "SchoolId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportLevelChanges_SchoolId_ChangedAt",
                table: "SupportLevelChanges",
                columns: new[] { "SchoolId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_CreatedById",
                table: "SupportPlans",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_OneActive",
                table: "SupportPlans",
                columns: new[] { "PupilId", "SchoolId" },
                unique: true,
                filter: "\"Status\" = 'Active'");

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_PupilId_SchoolId_Status",
                table: "SupportPlans",
                columns: new[] { "PupilId", "SchoolId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_SchoolId_Status",
                table: "SupportPlans",
                columns: new[] { "SchoolId", "Status" });

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
                name: "ActionItems");

            migrationBuilder.DropTable(
                name: "AgendaItems");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BoatSignals");

            migrationBuilder.DropTable(
                name: "CoachingGoals");

            migrationBuilder.DropTable(
                name: "ConcernHistory");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DevelopmentPlanEvaluations");

            migrationBuilder.DropTable(
                name: "DiscussionPupils");

            migrationBuilder.DropTable(
                name: "Enrolments");

            migrationBuilder.DropTable(
                name: "ExternalExpertReports");

            migrationBuilder.DropTable(
                name: "GoalEvaluations");

            migrationBuilder.DropTable(
                name: "GroupTeachers");

            migrationBuilder.DropTable(
                name: "ParentConversationGoals");

            migrationBuilder.DropTable(
                name: "PartnershipReferrals");

            migrationBuilder.DropTable(
                name: "QualityActions");

            migrationBuilder.DropTable(
                name: "QualityAdjustments");

            migrationBuilder.DropTable(
                name: "RetentionRuns");

            migrationBuilder.DropTable(
                name: "RoleAssignments");

            migrationBuilder.DropTable(
                name: "SupportLevelChanges");

            migrationBuilder.DropTable(
                name: "VisitPupilNotes");

            migrationBuilder.DropTable(
                name: "VisitScores");

            migrationBuilder.DropTable(
                name: "DevelopmentPlans");

            migrationBuilder.DropTable(
                name: "Discussions");

            migrationBuilder.DropTable(
                name: "Consents");

            migrationBuilder.DropTable(
                name: "ParentConversations");

            migrationBuilder.DropTable(
                name: "PlanGoals");

            migrationBuilder.DropTable(
                name: "QualityChecks");

            migrationBuilder.DropTable(
                name: "ClassroomVisits");

            migrationBuilder.DropTable(
                name: "ObservationCriteria");

            migrationBuilder.DropTable(
                name: "Guardians");

            migrationBuilder.DropTable(
                name: "SupportPlans");

            migrationBuilder.DropTable(
                name: "QualityGoals");

            migrationBuilder.DropTable(
                name: "Concerns");

            migrationBuilder.DropTable(
                name: "TeacherSupportRequests");

            migrationBuilder.DropTable(
                name: "ObservationAreas");

            migrationBuilder.DropTable(
                name: "Groups");

            migrationBuilder.DropTable(
                name: "Pupils");

            migrationBuilder.DropTable(
                name: "StaffMembers");

            migrationBuilder.DropTable(
                name: "ObservationCriteriaSets");

            migrationBuilder.DropTable(
                name: "SchoolYears");

            migrationBuilder.DropTable(
                name: "Schools");

            migrationBuilder.DropTable(
                name: "Boards");
        }
    }
}
