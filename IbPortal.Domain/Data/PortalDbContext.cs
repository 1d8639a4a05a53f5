using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Retention;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IbPortal.Domain.Data;

/// <summary>
/// The portal's model. On SQLite (the default) this context itself is used, with the migrations in Data/Migrations;
/// on PostgreSQL the derived <see cref="PostgreSqlPortalDbContext"/>, with the same model and its own migrations in
/// Data/PostgreSql/Migrations. Services always ask for <c>IDbContextFactory&lt;PortalDbContext&gt;</c>.
/// <para>
/// Adding a migration (both, from the repository root; the tool is pinned in .config/dotnet-tools.json):
/// <code>
/// cd IbPortal.Domain &amp;&amp; dotnet tool restore
/// dotnet ef migrations add X --context PortalDbContext --output-dir Data/Migrations; rm -f design-time.db*
/// dotnet ef migrations add X --context PostgreSqlPortalDbContext --output-dir Data/PostgreSql/Migrations
/// </code>
/// Neither command needs a database server; DatabaseTests/MigrationModelTests fails when one of the two is missing.
/// </para>
/// </summary>
public class PortalDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>Longest Data Protection key XML accepted (a key is about 1 KB; the string convention would say 200).</summary>
    public const int DataProtectionKeyXmlMaxLength = 20_000;

    public PortalDbContext(DbContextOptions<PortalDbContext> options) : base(options) { }

    /// <summary>For <see cref="PostgreSqlPortalDbContext"/>: same model, its own options and migrations.</summary>
    protected PortalDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Board> Boards => Set<Board>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<SchoolYear> SchoolYears => Set<SchoolYear>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Pupil> Pupils => Set<Pupil>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<GroupTeacher> GroupTeachers => Set<GroupTeacher>();
    public DbSet<Concern> Concerns => Set<Concern>();
    public DbSet<ConcernHistoryEntry> ConcernHistory => Set<ConcernHistoryEntry>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RetentionRun> RetentionRuns => Set<RetentionRun>();
    public DbSet<Discussion> Discussions => Set<Discussion>();
    public DbSet<DiscussionPupil> DiscussionPupils => Set<DiscussionPupil>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<SupportLevelChange> SupportLevelChanges => Set<SupportLevelChange>();
    public DbSet<SupportPlan> SupportPlans => Set<SupportPlan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<GoalEvaluation> GoalEvaluations => Set<GoalEvaluation>();
    public DbSet<DevelopmentPlan> DevelopmentPlans => Set<DevelopmentPlan>();
    public DbSet<Guardian> Guardians => Set<Guardian>();
    public DbSet<ParentConversation> ParentConversations => Set<ParentConversation>();
    public DbSet<ParentConversationGoal> ParentConversationGoals => Set<ParentConversationGoal>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<ExternalExpertReport> ExternalExpertReports => Set<ExternalExpertReport>();
    public DbSet<PartnershipReferral> PartnershipReferrals => Set<PartnershipReferral>();
    public DbSet<ClassroomVisit> ClassroomVisits => Set<ClassroomVisit>();
    public DbSet<VisitScore> VisitScores => Set<VisitScore>();
    public DbSet<VisitPupilNote> VisitPupilNotes => Set<VisitPupilNote>();
    public DbSet<CoachingGoal> CoachingGoals => Set<CoachingGoal>();
    public DbSet<ObservationCriteriaSet> ObservationCriteriaSets => Set<ObservationCriteriaSet>();
    public DbSet<ObservationArea> ObservationAreas => Set<ObservationArea>();
    public DbSet<ObservationCriterion> ObservationCriteria => Set<ObservationCriterion>();
    public DbSet<TeacherSupportRequest> TeacherSupportRequests => Set<TeacherSupportRequest>();
    public DbSet<BoatSignal> BoatSignals => Set<BoatSignal>();
    public DbSet<QualityGoal> QualityGoals => Set<QualityGoal>();
    public DbSet<QualityAction> QualityActions => Set<QualityAction>();
    public DbSet<QualityCheck> QualityChecks => Set<QualityCheck>();
    public DbSet<QualityAdjustment> QualityAdjustments => Set<QualityAdjustment>();

    /// <summary>ASP.NET Core Data Protection's key ring (sign-in cookies, antiforgery), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(AppendOnlyAuditInterceptor.Instance);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; reading one back must say so, on SQLite and PostgreSQL alike.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(200);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Board>(b => b.Property(x => x.Name).IsRequired());

        modelBuilder.Entity<School>(s =>
        {
            s.Property(x => x.ShortName).HasMaxLength(10);
            s.HasIndex(x => x.ShortName).IsUnique();
            s.Property(x => x.Color).HasMaxLength(9);
            s.HasOne(x => x.Board).WithMany(b => b.Schools).HasForeignKey(x => x.BoardId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<SchoolYear>(y =>
        {
            y.HasIndex(x => x.StartYear).IsUnique();
            y.Ignore(x => x.StartDate);
            y.Ignore(x => x.EndDate);
            y.Ignore(x => x.Name);
        });

        modelBuilder.Entity<Group>(g =>
        {
            g.Property(x => x.Name).HasMaxLength(20);
            g.HasOne(x => x.School).WithMany(s => s.Groups).HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            g.HasOne(x => x.SchoolYear).WithMany().HasForeignKey(x => x.SchoolYearId).OnDelete(DeleteBehavior.Restrict);
            g.HasIndex(x => new { x.SchoolId, x.SchoolYearId, x.Name }).IsUnique();
            g.ToTable(t => t.HasCheckConstraint("CK_Group_Grades",
                "\"FirstGrade\" >= 1 AND \"LastGrade\" <= 8 AND \"FirstGrade\" <= \"LastGrade\""));
        });

        modelBuilder.Entity<Pupil>(p =>
        {
            p.Property(x => x.FirstName).HasMaxLength(100);
            p.Property(x => x.Infix).HasMaxLength(30);
            p.Property(x => x.LastName).HasMaxLength(100);
            p.Ignore(x => x.FullName);
        });

        modelBuilder.Entity<Enrolment>(e =>
        {
            e.HasOne(x => x.Pupil).WithMany(p => p.Enrolments).HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Group).WithMany(g => g.Enrolments).HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.GroupId, x.PupilId });
        });

        modelBuilder.Entity<StaffMember>(s =>
        {
            s.Property(x => x.Login).HasMaxLength(100);
            s.HasIndex(x => x.Login).IsUnique();
            s.Property(x => x.ExternalId).HasMaxLength(100);
            s.HasIndex(x => x.ExternalId).IsUnique();
            s.Property(x => x.Email).HasMaxLength(254);
        });

        modelBuilder.Entity<RoleAssignment>(r =>
        {
            r.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
            r.Property(x => x.Source).HasMaxLength(10);
            r.HasOne(x => x.StaffMember).WithMany(s => s.Roles).HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
            r.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex(x => new { x.StaffMemberId, x.Role, x.SchoolId }).IsUnique();
        });

        modelBuilder.Entity<GroupTeacher>(t =>
        {
            t.HasKey(x => new { x.GroupId, x.StaffMemberId });
            t.HasOne(x => x.Group).WithMany(g => g.Teachers).HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            t.HasOne(x => x.StaffMember).WithMany(s => s.Groups).HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
            t.HasIndex(x => x.StaffMemberId);
        });

        modelBuilder.Entity<Concern>(c =>
        {
            c.Property(x => x.Area).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.SubAreas).HasConversion<int>();
            c.Property(x => x.Urgency).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
            c.Property(x => x.Observation).HasMaxLength(Concern.ObservationMaxLength);
            c.Property(x => x.Since).HasMaxLength(Concern.SinceMaxLength);
            c.Property(x => x.AlreadyTried).HasMaxLength(Concern.AlreadyTriedMaxLength);
            c.Property(x => x.NextStep).HasMaxLength(Concern.NextStepMaxLength);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.AcknowledgedBy).WithMany().HasForeignKey(x => x.AcknowledgedById).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => new { x.SchoolId, x.Status, x.RaisedAt });
            c.HasIndex(x => new { x.AuthorId, x.RaisedAt });
            // NULLs never collide (both providers): concerns without a submission key are not affected.
            c.HasIndex(x => new { x.AuthorId, x.SubmissionId }).IsUnique();
            c.HasIndex(x => new { x.PupilId, x.Status });
            c.HasIndex(x => new { x.GroupId, x.Status });
        });

        modelBuilder.Entity<ConcernHistoryEntry>(h =>
        {
            h.Property(x => x.Change).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
            h.Property(x => x.Text).HasMaxLength(Concern.NoteMaxLength);
            h.HasOne(x => x.Concern).WithMany(c => c.History).HasForeignKey(x => x.ConcernId).OnDelete(DeleteBehavior.Restrict);
            h.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
            h.HasIndex(x => new { x.ConcernId, x.At });
        });

        modelBuilder.Entity<DataProtectionKey>(k =>
        {
            k.Property(x => x.FriendlyName).HasMaxLength(100);
            k.Property(x => x.Xml).HasMaxLength(DataProtectionKeyXmlMaxLength);
        });

        ConfigureAudit(modelBuilder);
        ConfigureDiscussions(modelBuilder);
        ConfigureSupport(modelBuilder);
        ConfigureParents(modelBuilder);
        ConfigurePartnership(modelBuilder);
        ConfigureVisits(modelBuilder);
        ConfigureQuality(modelBuilder);
    }

    private static void ConfigureQuality(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BoatSignal>(b =>
        {
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Note).HasMaxLength(BoatSignal.NoteMaxLength);
            b.Property(x => x.Version).IsConcurrencyToken();
            b.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(x => x.ClosedBy).WithMany().HasForeignKey(x => x.ClosedById).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(x => new { x.SchoolId, x.Status, x.RaisedAt });
            b.HasIndex(x => new { x.GroupId, x.RaisedAt });
            // At most one open signal per group, also when two nodes evaluate the same group at once.
            b.HasIndex(x => x.GroupId).IsUnique().HasFilter("\"Status\" = 'Open'").HasDatabaseName("IX_BoatSignals_GroupId_Open");
        });

        modelBuilder.Entity<QualityGoal>(g =>
        {
            g.Property(x => x.Title).HasMaxLength(QualityGoal.TitleMaxLength);
            g.Property(x => x.Description).HasMaxLength(QualityGoal.DescriptionMaxLength);
            g.Property(x => x.IndicatorText).HasMaxLength(QualityGoal.IndicatorTextMaxLength);
            g.Property(x => x.Indicator).HasConversion<string>().HasMaxLength(40);
            g.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            g.Property(x => x.Version).IsConcurrencyToken();
            g.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            g.HasOne(x => x.CreatedBy).WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            g.HasIndex(x => new { x.SchoolId, x.SchoolYearStart });
        });

        modelBuilder.Entity<QualityAction>(a =>
        {
            a.Property(x => x.Description).HasMaxLength(QualityAction.DescriptionMaxLength);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasOne(x => x.Goal).WithMany(g => g.Actions).HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => new { x.GoalId, x.DueOn });
            a.HasIndex(x => new { x.OwnerId, x.Status, x.DueOn });
        });

        modelBuilder.Entity<QualityCheck>(c =>
        {
            c.Property(x => x.Findings).HasMaxLength(QualityCheck.FindingsMaxLength);
            c.Property(x => x.Result).HasConversion<string>().HasMaxLength(20);
            c.HasOne(x => x.Goal).WithMany(g => g.Checks).HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne(x => x.RecordedBy).WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => new { x.GoalId, x.CheckedOn });
        });

        modelBuilder.Entity<QualityAdjustment>(a =>
        {
            a.Property(x => x.Decision).HasMaxLength(QualityAdjustment.DecisionMaxLength);
            a.HasOne(x => x.Goal).WithMany(g => g.Adjustments).HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne(x => x.Check).WithMany().HasForeignKey(x => x.CheckId).OnDelete(DeleteBehavior.SetNull);
            a.HasOne(x => x.RecordedBy).WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => new { x.GoalId, x.DecidedOn });
        });
    }

    private static void ConfigureVisits(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ObservationCriteriaSet>(c =>
        {
            c.Property(x => x.Name).HasMaxLength(ObservationCriteriaSet.NameMaxLength);
            c.Property(x => x.ChangeNote).HasMaxLength(ObservationCriteriaSet.ChangeNoteMaxLength);
            c.HasOne(x => x.Board).WithMany().HasForeignKey(x => x.BoardId).OnDelete(DeleteBehavior.Restrict);
            // Two administrators publishing at once: one wins, the other gets the rule's message.
            c.HasIndex(x => new { x.BoardId, x.Version }).IsUnique();
        });

        modelBuilder.Entity<ObservationArea>(a =>
        {
            a.Property(x => x.Name).HasMaxLength(ObservationArea.NameMaxLength);
            a.HasOne(x => x.CriteriaSet).WithMany(c => c.Areas).HasForeignKey(x => x.CriteriaSetId).OnDelete(DeleteBehavior.Cascade);
            a.HasIndex(x => new { x.CriteriaSetId, x.Position });
        });

        modelBuilder.Entity<ObservationCriterion>(c =>
        {
            c.Property(x => x.Text).HasMaxLength(ObservationCriterion.TextMaxLength);
            c.HasOne(x => x.Area).WithMany(a => a.Criteria).HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.Cascade);
            c.HasIndex(x => new { x.AreaId, x.Position });
        });

        modelBuilder.Entity<ClassroomVisit>(v =>
        {
            v.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            v.Property(x => x.Focus).HasMaxLength(ClassroomVisit.FocusMaxLength);
            v.Property(x => x.ObservationNotes).HasMaxLength(ClassroomVisit.NotesMaxLength);
            v.Property(x => x.FeedbackNotes).HasMaxLength(ClassroomVisit.NotesMaxLength);
            v.Property(x => x.ReflectionWentWell).HasMaxLength(ClassroomVisit.ReflectionMaxLength);
            v.Property(x => x.ReflectionToImprove).HasMaxLength(ClassroomVisit.ReflectionMaxLength);
            v.Property(x => x.ReflectionSupportNeeded).HasMaxLength(ClassroomVisit.ReflectionMaxLength);
            v.Property(x => x.Version).IsConcurrencyToken();
            v.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            v.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
            v.HasOne(x => x.Teacher).WithMany().HasForeignKey(x => x.TeacherId).OnDelete(DeleteBehavior.Restrict);
            v.HasOne(x => x.Coordinator).WithMany().HasForeignKey(x => x.CoordinatorId).OnDelete(DeleteBehavior.Restrict);
            // Links to pupil data are cleared, not blocking, when retention removes the concern or the request.
            v.HasOne(x => x.Concern).WithMany().HasForeignKey(x => x.ConcernId).OnDelete(DeleteBehavior.SetNull);
            v.HasOne(x => x.SupportRequest).WithMany().HasForeignKey(x => x.SupportRequestId).OnDelete(DeleteBehavior.SetNull);
            v.HasOne(x => x.FollowUpOf).WithMany().HasForeignKey(x => x.FollowUpOfId).OnDelete(DeleteBehavior.Restrict);
            v.HasOne(x => x.CriteriaSet).WithMany().HasForeignKey(x => x.CriteriaSetId).OnDelete(DeleteBehavior.Restrict);
            v.HasIndex(x => new { x.SchoolId, x.ScheduledAt });
            v.HasIndex(x => new { x.TeacherId, x.ScheduledAt });
            v.HasIndex(x => x.ConcernId);
            v.HasIndex(x => x.SupportRequestId);
            v.HasIndex(x => x.FollowUpOfId);
            v.ToTable(t => t.HasCheckConstraint("CK_ClassroomVisit_Duration",
                $"\"DurationMinutes\" >= {ClassroomVisit.MinDurationMinutes} AND \"DurationMinutes\" <= {ClassroomVisit.MaxDurationMinutes}"));
        });

        modelBuilder.Entity<VisitScore>(s =>
        {
            s.Property(x => x.Note).HasMaxLength(VisitScore.NoteMaxLength);
            s.HasOne(x => x.Visit).WithMany(v => v.Scores).HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
            s.HasOne(x => x.Criterion).WithMany().HasForeignKey(x => x.CriterionId).OnDelete(DeleteBehavior.Restrict);
            s.HasIndex(x => new { x.VisitId, x.CriterionId }).IsUnique();
            s.ToTable(t => t.HasCheckConstraint("CK_VisitScore_Scale",
                $"\"Score\" IS NULL OR (\"Score\" >= {ObservationScale.Min} AND \"Score\" <= {ObservationScale.Max})"));
        });

        modelBuilder.Entity<VisitPupilNote>(n =>
        {
            n.Property(x => x.Note).HasMaxLength(VisitPupilNote.NoteMaxLength);
            n.HasOne(x => x.Visit).WithMany(v => v.PupilNotes).HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
            n.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            n.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            n.HasIndex(x => new { x.PupilId, x.SchoolId });
            n.HasIndex(x => x.VisitId);
        });

        modelBuilder.Entity<CoachingGoal>(g =>
        {
            g.Property(x => x.Description).HasMaxLength(CoachingGoal.DescriptionMaxLength);
            g.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            g.Property(x => x.Version).IsConcurrencyToken();
            g.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            g.HasOne(x => x.Teacher).WithMany().HasForeignKey(x => x.TeacherId).OnDelete(DeleteBehavior.Restrict);
            g.HasOne(x => x.Visit).WithMany(v => v.Goals).HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
            g.HasOne(x => x.SupportRequest).WithMany().HasForeignKey(x => x.SupportRequestId).OnDelete(DeleteBehavior.SetNull);
            g.HasIndex(x => new { x.TeacherId, x.SchoolId, x.Status });
            g.HasIndex(x => x.VisitId);
            g.HasIndex(x => x.SupportRequestId);
        });

        modelBuilder.Entity<TeacherSupportRequest>(r =>
        {
            r.Property(x => x.Topic).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Question).HasMaxLength(TeacherSupportRequest.QuestionMaxLength);
            r.Property(x => x.Response).HasMaxLength(TeacherSupportRequest.ResponseMaxLength);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.Teacher).WithMany().HasForeignKey(x => x.TeacherId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex(x => new { x.SchoolId, x.Status, x.CreatedAt });
            r.HasIndex(x => new { x.TeacherId, x.CreatedAt });
            r.HasIndex(x => x.PupilId);
        });
    }

    private static void ConfigureDiscussions(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Discussion>(d =>
        {
            d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.Notes).HasMaxLength(Discussion.NotesMaxLength);
            d.Property(x => x.Decisions).HasMaxLength(Discussion.DecisionsMaxLength);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne(x => x.Coordinator).WithMany().HasForeignKey(x => x.CoordinatorId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne(x => x.Teacher).WithMany().HasForeignKey(x => x.TeacherId).OnDelete(DeleteBehavior.Restrict);
            d.HasIndex(x => new { x.SchoolId, x.ScheduledAt });
            d.HasIndex(x => new { x.GroupId, x.ScheduledAt });
            d.HasIndex(x => new { x.TeacherId, x.ScheduledAt });
        });

        modelBuilder.Entity<DiscussionPupil>(p =>
        {
            p.Property(x => x.EducationalNeeds).HasMaxLength(DiscussionPupil.TextMaxLength);
            p.Property(x => x.StimulatingFactors).HasMaxLength(DiscussionPupil.TextMaxLength);
            p.Property(x => x.HinderingFactors).HasMaxLength(DiscussionPupil.TextMaxLength);
            p.Property(x => x.Notes).HasMaxLength(DiscussionPupil.TextMaxLength);
            p.HasOne(x => x.Discussion).WithMany(d => d.Pupils).HasForeignKey(x => x.DiscussionId).OnDelete(DeleteBehavior.Cascade);
            p.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            p.HasIndex(x => new { x.DiscussionId, x.PupilId }).IsUnique();
            p.HasIndex(x => x.PupilId);
        });

        modelBuilder.Entity<AgendaItem>(a =>
        {
            a.Property(x => x.Text).HasMaxLength(AgendaItem.TextMaxLength);
            a.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            a.HasOne(x => x.Discussion).WithMany(d => d.Agenda).HasForeignKey(x => x.DiscussionId).OnDelete(DeleteBehavior.Cascade);
            a.HasIndex(x => new { x.DiscussionId, x.Position });
        });

        modelBuilder.Entity<ActionItem>(a =>
        {
            a.Property(x => x.Description).HasMaxLength(ActionItem.DescriptionMaxLength);
            a.Ignore(x => x.IsOpen);
            a.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne(x => x.Discussion).WithMany(d => d.ActionItems).HasForeignKey(x => x.DiscussionId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => new { x.OwnerId, x.CompletedAt, x.DueOn });
            a.HasIndex(x => new { x.SchoolId, x.CompletedAt, x.DueOn });
            a.HasIndex(x => x.PupilId);
        });
    }

    private static void ConfigureSupport(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SupportLevelChange>(l =>
        {
            l.Property(x => x.Reason).HasMaxLength(SupportLevelChange.ReasonMaxLength);
            l.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            l.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            l.HasOne(x => x.ChangedBy).WithMany().HasForeignKey(x => x.ChangedById).OnDelete(DeleteBehavior.Restrict);
            l.HasIndex(x => new { x.PupilId, x.SchoolId, x.ChangedAt });
            l.HasIndex(x => new { x.SchoolId, x.ChangedAt });
            l.ToTable(t => t.HasCheckConstraint("CK_SupportLevelChange_Level", "\"Level\" >= 1 AND \"Level\" <= 5"));
        });

        modelBuilder.Entity<SupportPlan>(p =>
        {
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.EducationalNeeds).HasMaxLength(SupportPlan.EducationalNeedsMaxLength);
            p.Property(x => x.ClosingNote).HasMaxLength(SupportPlan.ClosingNoteMaxLength);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            p.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            p.HasOne(x => x.CreatedBy).WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            p.HasIndex(x => new { x.PupilId, x.SchoolId, x.Status });
            p.HasIndex(x => new { x.SchoolId, x.Status });
            // At most one active plan per pupil and school, also when two saves race.
            p.HasIndex(x => new { x.PupilId, x.SchoolId }).IsUnique().HasFilter("\"Status\" = 'Active'")
                .HasDatabaseName("IX_SupportPlans_OneActive");
        });

        modelBuilder.Entity<PlanGoal>(g =>
        {
            g.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            g.Property(x => x.Description).HasMaxLength(PlanGoal.DescriptionMaxLength);
            g.HasOne(x => x.Plan).WithMany(p => p.Goals).HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
            g.HasIndex(x => new { x.PlanId, x.Position });
            g.HasIndex(x => x.ReviewOn);
        });

        modelBuilder.Entity<GoalEvaluation>(e =>
        {
            e.Property(x => x.Result).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Notes).HasMaxLength(GoalEvaluation.NotesMaxLength);
            e.HasOne(x => x.Goal).WithMany(g => g.Evaluations).HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.EvaluatedBy).WithMany().HasForeignKey(x => x.EvaluatedById).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.GoalId, x.EvaluatedOn });
        });

        modelBuilder.Entity<DevelopmentPlan>(o =>
        {
            o.Property(x => x.Reason).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.Perspective).HasMaxLength(DevelopmentPlan.PerspectiveMaxLength);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.Ignore(x => x.IsActive);
            o.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            o.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            o.HasOne(x => x.CreatedBy).WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex(x => new { x.PupilId, x.SchoolId }).IsUnique().HasFilter("\"EndedOn\" IS NULL")
                .HasDatabaseName("IX_DevelopmentPlans_OneActive");
            o.HasIndex(x => new { x.SchoolId, x.NextEvaluationOn });
        });

        modelBuilder.Entity<DevelopmentPlanEvaluation>(e =>
        {
            e.ToTable("DevelopmentPlanEvaluations");
            e.Property(x => x.Notes).HasMaxLength(DevelopmentPlanEvaluation.NotesMaxLength);
            e.HasOne(x => x.DevelopmentPlan).WithMany(o => o.Evaluations).HasForeignKey(x => x.DevelopmentPlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.EvaluatedBy).WithMany().HasForeignKey(x => x.EvaluatedById).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.DevelopmentPlanId, x.EvaluatedOn });
        });
    }

    private static void ConfigureParents(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Guardian>(g =>
        {
            g.Property(x => x.Relationship).HasMaxLength(50);
            g.Property(x => x.Phone).HasMaxLength(30);
            g.Property(x => x.Email).HasMaxLength(254);
            g.Property(x => x.Version).IsConcurrencyToken();
            g.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            g.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            g.HasIndex(x => new { x.PupilId, x.SchoolId });
        });

        modelBuilder.Entity<ParentConversation>(c =>
        {
            c.Property(x => x.ParentExpectations).HasMaxLength(ParentConversation.TextMaxLength);
            c.Property(x => x.SchoolExpectations).HasMaxLength(ParentConversation.TextMaxLength);
            c.Property(x => x.Agenda).HasMaxLength(ParentConversation.TextMaxLength);
            c.Property(x => x.Discussed).HasMaxLength(ParentConversation.TextMaxLength);
            c.Property(x => x.AgreedGoals).HasMaxLength(ParentConversation.TextMaxLength);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => new { x.PupilId, x.SchoolId, x.HeldOn });
        });

        modelBuilder.Entity<ParentConversationGoal>(g =>
        {
            g.HasKey(x => new { x.ConversationId, x.GoalId });
            g.HasOne(x => x.Conversation).WithMany(c => c.LinkedGoals).HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
            // Restrict: a goal agreed with the parents is never removed behind the conversation's back.
            g.HasOne(x => x.Goal).WithMany().HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Restrict);
            g.HasIndex(x => x.GoalId);
        });

        modelBuilder.Entity<Consent>(c =>
        {
            c.Property(x => x.Purpose).HasMaxLength(50);
            c.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Note).HasMaxLength(Consent.NoteMaxLength);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.Guardian).WithMany().HasForeignKey(x => x.GuardianId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => new { x.PupilId, x.SchoolId, x.Purpose });
            c.HasIndex(x => new { x.SchoolId, x.State });
            // At most one open request per pupil, school and purpose.
            c.HasIndex(x => new { x.PupilId, x.SchoolId, x.Purpose }).IsUnique().HasFilter("\"State\" = 'Requested'")
                .HasDatabaseName("IX_Consents_OneOpenRequest");
        });

        modelBuilder.Entity<ExternalExpertReport>(r =>
        {
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.ExpertRole).HasMaxLength(200);
            r.Property(x => x.Findings).HasMaxLength(ExternalExpertReport.FindingsMaxLength);
            r.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.Consent).WithMany().HasForeignKey(x => x.ConsentId).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex(x => new { x.PupilId, x.SchoolId, x.TookPlaceOn });
        });
    }

    private static void ConfigurePartnership(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PartnershipReferral>(r =>
        {
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.SupportQuestion).HasMaxLength(PartnershipReferral.TextMaxLength);
            r.Property(x => x.TriedAndEffect).HasMaxLength(PartnershipReferral.TextMaxLength);
            r.Property(x => x.EducationalNeeds).HasMaxLength(PartnershipReferral.TextMaxLength);
            r.Property(x => x.ParentsView).HasMaxLength(PartnershipReferral.TextMaxLength);
            r.Property(x => x.OutcomeNote).HasMaxLength(PartnershipReferral.TextMaxLength);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasOne(x => x.Pupil).WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex(x => new { x.PupilId, x.SchoolId });
            r.HasIndex(x => new { x.SchoolId, x.Status });
        });
    }

    private static void ConfigureAudit(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(a =>
        {
            a.Property(x => x.Action).HasMaxLength(60);
            a.Property(x => x.Role).HasMaxLength(30);
            a.Property(x => x.RecordKind).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(10);
            // Ids, not foreign keys: the trail outlives the records it describes (retention deletes those).
            a.HasIndex(x => new { x.PupilId, x.At });
            a.HasIndex(x => new { x.StaffMemberId, x.At });
            a.HasIndex(x => x.At);
        });

        modelBuilder.Entity<RetentionRun>(r =>
        {
            r.Property(x => x.Summary).HasMaxLength(200_000);
            r.HasIndex(x => x.StartedAt);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
