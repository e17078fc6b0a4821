using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>
/// An in-app notification, grouped: while unread, further events with the same <see cref="GroupKey"/> (e.g. everyone who
/// prayed for one request) update this row instead of adding one. Named actors are kept (most recent first, up to
/// <see cref="Notification.MaxNamedActors"/>); anonymous actors are only counted, so grouping never reveals them.
/// </summary>
public sealed class Notification
{
    public const int MaxNamedActors = 3;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RecipientId { get; set; }
    public required string Type { get; set; }
    public required string GroupKey { get; set; }
    public Guid? SubjectId { get; set; }
    public string? SubjectKind { get; set; }
    /// <summary>Named actors, most recent first, as <c>N</c>-format GUIDs separated by spaces.</summary>
    public string ActorIds { get; set; } = "";
    /// <summary>Events grouped into this row (named and anonymous).</summary>
    public int EventCount { get; set; }
    /// <summary>Free text of the event (e.g. a moderator's reason), when the type has one.</summary>
    public string? Detail { get; set; }
    /// <summary>A short excerpt of the subject (the post), for the text.</summary>
    public string? Excerpt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Type).HasMaxLength(32);
        builder.Property(n => n.GroupKey).HasMaxLength(128);
        builder.Property(n => n.SubjectKind).HasMaxLength(16);
        builder.Property(n => n.ActorIds).HasMaxLength(200);
        builder.Property(n => n.Detail).HasMaxLength(1000);
        builder.Property(n => n.Excerpt).HasMaxLength(200);
        builder.HasIndex(n => new { n.RecipientId, n.UpdatedAt, n.Id });
        builder.HasIndex(n => new { n.RecipientId, n.GroupKey, n.ReadAt });
    }
}
