using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Server.Features.Community.Groups;

namespace Selah.Server.Features.Community.Realtime;

/// <summary>
/// How far a member has read a group's chat: the newest message they have seen. Message ids are version 7 GUIDs, so
/// "newer" is "greater"; a marker only ever moves forward.
/// </summary>
public sealed class GroupReadMarker
{
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class GroupReadMarkerConfiguration : IEntityTypeConfiguration<GroupReadMarker>
{
    public void Configure(EntityTypeBuilder<GroupReadMarker> builder)
    {
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.HasOne<CommunityGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.UserId);
    }
}
