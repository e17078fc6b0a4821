using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Selah.Server.Features.Accounts;

internal sealed class SelahUserConfiguration : IEntityTypeConfiguration<SelahUser>
{
    public void Configure(EntityTypeBuilder<SelahUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(60);
        builder.Property(u => u.Bio).HasMaxLength(1000);
        builder.Property(u => u.AvatarKey).HasMaxLength(200);
        builder.Property(u => u.PreferredTranslation).HasMaxLength(16);
        builder.Property(u => u.Church).HasMaxLength(120);
        builder.Property(u => u.Denomination).HasMaxLength(80);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.StatusReason).HasMaxLength(500);
        builder.Property(u => u.SessionStamp).HasMaxLength(64);
        // Identity's default email index is not unique; registration relies on the database to settle races.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("UX_Users_NormalizedEmail");
        builder.HasIndex(u => u.DisplayName);
        builder.HasIndex(u => u.Status);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.RevokedReason).HasMaxLength(32);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.UserId);
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailCodeConfiguration : IEntityTypeConfiguration<EmailCode>
{
    public void Configure(EntityTypeBuilder<EmailCode> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => new { c.UserId, c.Purpose, c.CreatedAt });
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
