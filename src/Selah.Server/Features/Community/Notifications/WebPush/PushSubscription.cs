using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Selah.Server.Features.Community.Notifications.WebPush;

/// <summary>A browser's push subscription for one user (RFC 8030 endpoint, RFC 8291 keys, base64url).</summary>
public sealed class PushSubscription
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Endpoint { get; set; }
    /// <summary>The user agent's P-256 public key (65 bytes, uncompressed), base64url.</summary>
    public required string P256dh { get; set; }
    /// <summary>The 16-byte authentication secret, base64url.</summary>
    public required string Auth { get; set; }
    public string? DeviceName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Endpoint).HasMaxLength(1024);
        builder.Property(s => s.P256dh).HasMaxLength(100);
        builder.Property(s => s.Auth).HasMaxLength(40);
        builder.Property(s => s.DeviceName).HasMaxLength(200);
        // Per user: the same device signed in as two people keeps two rows, and nobody can take over another's.
        builder.HasIndex(s => new { s.UserId, s.Endpoint }).IsUnique();
    }
}
