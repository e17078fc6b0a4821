using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Selah.Server.Features.Community.Groups;

/// <summary>A church group. Private groups are invisible (404) to non-members; joining is by request or invite link.</summary>
public sealed class CommunityGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsPrivate { get; set; }
    public Guid OwnerId { get; set; }
    /// <summary>Random token of the active invite link; null when none.</summary>
    public string? InviteToken { get; set; }
    public int MemberCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Blob storage key of the group's picture (WebP, content-hashed so a new picture gets a new key); null when none.</summary>
    public string? ImageKey { get; set; }
}

/// <summary>A leader's direct invitation of one person; accepting joins the group (even a private one) without approval.</summary>
public sealed class GroupInvitation
{
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
    public Guid InvitedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class GroupRoles
{
    public const string Owner = "owner";
    public const string Leader = "leader";
    public const string Member = "member";
}

/// <summary>A membership or a pending join request (<see cref="Pending"/>).</summary>
public sealed class GroupMember
{
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
    public string Role { get; set; } = GroupRoles.Member;
    public bool Pending { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class GroupMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid GroupId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public string Status { get; set; } = "published";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedById { get; set; }
}

internal sealed class CommunityGroupConfiguration : IEntityTypeConfiguration<CommunityGroup>
{
    public void Configure(EntityTypeBuilder<CommunityGroup> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Name).HasMaxLength(100);
        builder.Property(g => g.Description).HasMaxLength(2000);
        builder.Property(g => g.InviteToken).HasMaxLength(64);
        builder.HasIndex(g => g.InviteToken).IsUnique();
        builder.Property(g => g.ImageKey).HasMaxLength(200);
    }
}

internal sealed class GroupInvitationConfiguration : IEntityTypeConfiguration<GroupInvitation>
{
    public void Configure(EntityTypeBuilder<GroupInvitation> builder)
    {
        builder.HasKey(i => new { i.GroupId, i.UserId });
        builder.HasOne<CommunityGroup>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.UserId);
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.Property(m => m.Role).HasMaxLength(16);
        builder.HasOne<CommunityGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.UserId, m.GroupId });
    }
}

internal sealed class GroupMessageConfiguration : IEntityTypeConfiguration<GroupMessage>
{
    public void Configure(EntityTypeBuilder<GroupMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Text).HasMaxLength(4000);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.HasOne<CommunityGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.GroupId, m.Id });
    }
}
