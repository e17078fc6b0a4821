using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Bible;

namespace Selah.Server.Infrastructure.Data
{
    public abstract partial class SelahDbContext
    {
        public DbSet<ReadingPlan> ReadingPlans => Set<ReadingPlan>();
        public DbSet<ReadingPlanDay> ReadingPlanDays => Set<ReadingPlanDay>();
        public DbSet<ReadingPlanSubscription> ReadingPlanSubscriptions => Set<ReadingPlanSubscription>();
        public DbSet<ReadingPlanCompletion> ReadingPlanCompletions => Set<ReadingPlanCompletion>();
    }
}

namespace Selah.Server.Features.Bible
{
    /// <summary>A reading plan: built in (seeded at start-up, by slug) or authored by an administrator.</summary>
    public sealed class ReadingPlan
    {
        public Guid Id { get; set; }
        public required string Slug { get; set; }
        public required string Name { get; set; }
        public string? Description { get; set; }
        public int DayCount { get; set; }
        public bool BuiltIn { get; set; }
        public Guid? CreatedById { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public List<ReadingPlanDay> Days { get; set; } = [];
    }

    /// <summary>One day of a plan: the passages to read, OSIS references joined by commas.</summary>
    public sealed class ReadingPlanDay
    {
        public Guid PlanId { get; set; }
        public int Day { get; set; }
        public required string Passages { get; set; }
    }

    /// <summary>A user following a plan from <see cref="StartDate"/> (day 1) on.</summary>
    public sealed class ReadingPlanSubscription
    {
        public Guid Id { get; set; }
        public Guid UserId { get; set; }
        public Guid PlanId { get; set; }
        public DateOnly StartDate { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    /// <summary>A day of a subscription marked done, and the (user's local) date it was done on, for streaks.</summary>
    public sealed class ReadingPlanCompletion
    {
        public Guid SubscriptionId { get; set; }
        public int Day { get; set; }
        public DateOnly CompletedOn { get; set; }
    }

    internal sealed class ReadingPlanConfiguration : IEntityTypeConfiguration<ReadingPlan>
    {
        public void Configure(EntityTypeBuilder<ReadingPlan> builder)
        {
            builder.HasKey(p => p.Id);
            builder.Property(p => p.Slug).HasMaxLength(80);
            builder.Property(p => p.Name).HasMaxLength(120);
            builder.Property(p => p.Description).HasMaxLength(2000);
            builder.HasIndex(p => p.Slug).IsUnique();
            builder.HasMany(p => p.Days).WithOne().HasForeignKey(d => d.PlanId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne<SelahUser>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.SetNull);
        }
    }

    internal sealed class ReadingPlanDayConfiguration : IEntityTypeConfiguration<ReadingPlanDay>
    {
        public void Configure(EntityTypeBuilder<ReadingPlanDay> builder)
        {
            builder.HasKey(d => new { d.PlanId, d.Day });
            builder.Property(d => d.Passages).HasMaxLength(1000);
        }
    }

    internal sealed class ReadingPlanSubscriptionConfiguration : IEntityTypeConfiguration<ReadingPlanSubscription>
    {
        public void Configure(EntityTypeBuilder<ReadingPlanSubscription> builder)
        {
            builder.HasKey(s => s.Id);
            builder.HasIndex(s => new { s.UserId, s.PlanId }).IsUnique();
            builder.HasOne<SelahUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne<ReadingPlan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    internal sealed class ReadingPlanCompletionConfiguration : IEntityTypeConfiguration<ReadingPlanCompletion>
    {
        public void Configure(EntityTypeBuilder<ReadingPlanCompletion> builder)
        {
            builder.HasKey(c => new { c.SubscriptionId, c.Day });
            builder.HasOne<ReadingPlanSubscription>().WithMany().HasForeignKey(c => c.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
