using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Selah.Server.Features.Community.Social;

public sealed class UserFollow
{
    public Guid FollowerId { get; set; }
    public Guid FolloweeId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A block (content hidden both ways) or a mute (hidden from the muter's feed) one user set on another.</summary>
public sealed class UserRestriction
{
    public const string Block = "block";
    public const string Mute = "mute";

    public Guid UserId { get; set; }
    public Guid OtherId { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class UserFollowConfiguration : IEntityTypeConfiguration<UserFollow>
{
    public void Configure(EntityTypeBuilder<UserFollow> builder)
    {
        builder.HasKey(f => new { f.FollowerId, f.FolloweeId });
        builder.HasIndex(f => new { f.FolloweeId, f.FollowerId });
    }
}

internal sealed class UserRestrictionConfiguration : IEntityTypeConfiguration<UserRestriction>
{
    public void Configure(EntityTypeBuilder<UserRestriction> builder)
    {
        builder.HasKey(r => new { r.UserId, r.OtherId, r.Kind });
        builder.Property(r => r.Kind).HasMaxLength(8);
        builder.HasIndex(r => new { r.OtherId, r.Kind });
    }
}
