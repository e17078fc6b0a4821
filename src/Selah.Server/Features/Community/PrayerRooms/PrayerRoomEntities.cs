using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Server.Features.Community.Groups;

namespace Selah.Server.Features.Community.PrayerRooms;

/// <summary>
/// A live prayer room: community-wide (<see cref="GroupId"/> null: any signed-in person) or a group's (its members
/// only; a private group's room is 404 to everyone else). The host pins a request and closes the room.
/// </summary>
public sealed class PrayerRoom
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public Guid HostId { get; set; }
    public Guid? GroupId { get; set; }
    public Guid? PinnedRequestId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>A request on a room's shared prayer list (first-pass moderated: a held one is its author's only).</summary>
public sealed class PrayerRoomRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RoomId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public string Status { get; set; } = "published";
    public int PrayingCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>"I am praying for this" — once per person and request.</summary>
public sealed class PrayerRoomPraying
{
    public Guid RequestId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A chat message in a room: edited by its author, deleted by its author, the host, the group's leaders or a moderator (soft).</summary>
public sealed class PrayerRoomMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RoomId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public string Status { get; set; } = "published";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedById { get; set; }
}

internal sealed class PrayerRoomConfiguration : IEntityTypeConfiguration<PrayerRoom>
{
    public void Configure(EntityTypeBuilder<PrayerRoom> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(120);
        builder.HasOne<CommunityGroup>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.GroupId, r.Id });
    }
}

internal sealed class PrayerRoomRequestConfiguration : IEntityTypeConfiguration<PrayerRoomRequest>
{
    public void Configure(EntityTypeBuilder<PrayerRoomRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Text).HasMaxLength(1000);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.HasOne<PrayerRoom>().WithMany().HasForeignKey(r => r.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.RoomId, r.Id });
    }
}

internal sealed class PrayerRoomPrayingConfiguration : IEntityTypeConfiguration<PrayerRoomPraying>
{
    public void Configure(EntityTypeBuilder<PrayerRoomPraying> builder)
    {
        builder.HasKey(p => new { p.RequestId, p.UserId });
        builder.HasOne<PrayerRoomRequest>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PrayerRoomMessageConfiguration : IEntityTypeConfiguration<PrayerRoomMessage>
{
    public void Configure(EntityTypeBuilder<PrayerRoomMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Text).HasMaxLength(1000);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.HasOne<PrayerRoom>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.RoomId, m.Id });
    }
}
