using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Retention;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IbPortal.Domain.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
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

        ConfigureAudit(modelBuilder);
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
