using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Selah.Server.Features.Community.Posts;

/// <summary>Moderation state of a post, comment or group message.</summary>
public static class ContentStatus
{
    public const string Published = "published";
    /// <summary>Held by the automatic first pass: invisible to everyone but its author ("pending review") and moderators.</summary>
    public const string Held = "held";
    /// <summary>Rejected by a moderator: visible only to its author and moderators.</summary>
    public const string Rejected = "rejected";
}

/// <summary>
/// A community post. <see cref="Body"/> is the Markdown source as written; <see cref="BodyHtml"/> its sanitised rendering.
/// <see cref="Anonymous"/> hides <see cref="AuthorId"/> from everyone but the author and moderators.
/// </summary>
public sealed class Post
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AuthorId { get; set; }
    public required string Type { get; set; }
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }
    public bool Anonymous { get; set; }
    public required string Visibility { get; set; }
    public Guid? GroupId { get; set; }
    public Guid? TrackId { get; set; }
    /// <summary>OSIS references separated by spaces (empty when none).</summary>
    public string ScriptureReferences { get; set; } = "";
    public string Status { get; set; } = ContentStatus.Published;
    public int ModerationScore { get; set; }
    /// <summary>The first pass's reasons separated by newlines (empty when none).</summary>
    public string ModerationReasons { get; set; } = "";
    public int CommentCount { get; set; }
    public int PrayedCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedById { get; set; }
    /// <summary>Prayer requests only: after this the request leaves the feed (still readable by id).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnswerText { get; set; }
}

/// <summary>A comment on a post; <see cref="ParentId"/> is the top-level comment it replies to (two levels only).</summary>
public sealed class PostComment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PostId { get; set; }
    public Guid AuthorId { get; set; }
    public Guid? ParentId { get; set; }
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }
    public string Status { get; set; } = ContentStatus.Published;
    public int ModerationScore { get; set; }
    public string ModerationReasons { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedById { get; set; }
}

/// <summary>The previous text of a post or comment, kept on every edit.</summary>
public sealed class ContentEdit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ItemId { get; set; }
    /// <summary><c>post</c> or <c>comment</c>.</summary>
    public required string ItemKind { get; set; }
    public required string PreviousBody { get; set; }
    public Guid EditedById { get; set; }
    public DateTimeOffset EditedAt { get; set; }
}

public sealed class PostReaction
{
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>"I prayed": one per user and request.</summary>
public sealed class PostPrayer
{
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
    public bool Anonymous { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member's report of a post or comment; open until a moderator decides.</summary>
public sealed class ContentReport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ItemId { get; set; }
    public required string ItemKind { get; set; }
    public Guid ReporterId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid? ResolvedById { get; set; }
    public string? Resolution { get; set; }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Type).HasMaxLength(32);
        builder.Property(p => p.Body).HasMaxLength(10000);
        builder.Property(p => p.BodyHtml).HasMaxLength(40000);
        builder.Property(p => p.Visibility).HasMaxLength(16);
        builder.Property(p => p.ScriptureReferences).HasMaxLength(2000);
        builder.Property(p => p.Status).HasMaxLength(16);
        builder.Property(p => p.ModerationReasons).HasMaxLength(2000);
        builder.Property(p => p.AnswerText).HasMaxLength(4000);
        builder.HasIndex(p => new { p.AuthorId, p.Id });
        builder.HasIndex(p => new { p.GroupId, p.Id });
        builder.HasIndex(p => new { p.Status, p.Id });
        builder.HasIndex(p => new { p.Type, p.Id });
    }
}

internal sealed class PostCommentConfiguration : IEntityTypeConfiguration<PostComment>
{
    public void Configure(EntityTypeBuilder<PostComment> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Body).HasMaxLength(4000);
        builder.Property(c => c.BodyHtml).HasMaxLength(16000);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.ModerationReasons).HasMaxLength(2000);
        builder.HasOne<Post>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PostId, c.Id });
        builder.HasIndex(c => new { c.Status, c.Id });
        builder.HasIndex(c => new { c.AuthorId, c.Id });
    }
}

internal sealed class ContentEditConfiguration : IEntityTypeConfiguration<ContentEdit>
{
    public void Configure(EntityTypeBuilder<ContentEdit> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ItemKind).HasMaxLength(16);
        builder.Property(e => e.PreviousBody).HasMaxLength(10000);
        builder.HasIndex(e => new { e.ItemId, e.Id });
    }
}

internal sealed class PostReactionConfiguration : IEntityTypeConfiguration<PostReaction>
{
    public void Configure(EntityTypeBuilder<PostReaction> builder)
    {
        builder.HasKey(r => new { r.PostId, r.UserId, r.Kind });
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostPrayerConfiguration : IEntityTypeConfiguration<PostPrayer>
{
    public void Configure(EntityTypeBuilder<PostPrayer> builder)
    {
        builder.HasKey(p => new { p.PostId, p.UserId });
        builder.HasOne<Post>().WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.UserId, p.PostId });
    }
}

internal sealed class ContentReportConfiguration : IEntityTypeConfiguration<ContentReport>
{
    public void Configure(EntityTypeBuilder<ContentReport> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ItemKind).HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.Resolution).HasMaxLength(1000);
        builder.HasIndex(r => new { r.ItemId, r.ReporterId });
        builder.HasIndex(r => new { r.ResolvedAt, r.Id });
    }
}
