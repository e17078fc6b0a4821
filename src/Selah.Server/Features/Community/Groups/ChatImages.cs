using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartz;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Jobs;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Groups;

/// <summary>
/// A picture for group chat: uploaded first (<see cref="MessageId"/> null, by <see cref="UploaderId"/> for
/// <see cref="GroupId"/>), then attached when its uploader sends a message with its id. Unattached uploads older than
/// <see cref="ChatImages.AttachWithin"/> and the images of deleted messages are removed by <see cref="ChatImageCleanupJob"/>.
/// </summary>
public sealed class GroupMessageImage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid GroupId { get; set; }
    public Guid UploaderId { get; set; }
    public Guid? MessageId { get; set; }
    public int Position { get; set; }
    public required string StorageKey { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class GroupMessageImageConfiguration : IEntityTypeConfiguration<GroupMessageImage>
{
    public void Configure(EntityTypeBuilder<GroupMessageImage> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.StorageKey).HasMaxLength(200);
        builder.HasOne<CommunityGroup>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupMessage>().WithMany().HasForeignKey(i => i.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.MessageId, i.Position });
        builder.HasIndex(i => new { i.UploaderId, i.MessageId });
        builder.HasIndex(i => i.CreatedAt);
    }
}

/// <summary>
/// Chat images: a member uploads a picture (<c>POST /api/v1/groups/{id}/attachments</c>, multipart part <c>file</c>),
/// which goes through the post-image pipeline (<see cref="PostImages.Encode"/>: sniffed, pixel guard, EXIF orientation,
/// WebP without metadata), then sends a message with up to <see cref="MaxPerMessage"/> attachment ids. An image is
/// served (<c>GET …/messages/{mid}/images/{iid}</c>) to the group's members only, while its message is not deleted,
/// and while the message is held only to its author.
/// </summary>
public static class ChatImages
{
    public const int MaxPerMessage = 4;
    /// <summary>Uploads waiting to be sent, per person and group: enough for a few messages, not a free file store.</summary>
    public const int MaxPending = 12;
    public static readonly TimeSpan AttachWithin = TimeSpan.FromHours(24);

    public static void MapChatImagesApi(RouteGroupBuilder groups)
    {
        groups.MapPost("/{id:guid}/attachments", UploadAsync).WithName("UploadGroupChatImage")
            .WithSummary("Upload an image for a chat message (members; PNG, JPEG, GIF or WebP recognised by content, up to 10 MB and 40 megapixels); "
                + "send its id in attachmentIds within 24 hours.")
            .DisableAntiforgery() // cookie sessions are checked by CookieAntiforgeryMiddleware, like every unsafe API request
            .WithMetadata(new RequestSizeLimitAttribute(PostImages.MaxUploadBytes + 64 * 1024))
            .RateLimited("uploads")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        groups.MapGet("/{id:guid}/messages/{messageId:guid}/images/{imageId:guid}", GetAsync).WithName("GetGroupChatImage")
            .WithSummary("An image of a chat message (WebP), for the group's members.");
    }

    public static string Url(Guid groupId, Guid messageId, Guid imageId) => $"/api/v1/groups/{groupId}/messages/{messageId}/images/{imageId}";

    public static async Task<Results<Created<ChatAttachmentResponse>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        Guid id, IFormFile? file, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null || (!view.IsMember && view.Group.IsPrivate))
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsMember)
        {
            return Problems.Forbidden("not-a-member", "Join the group to chat.");
        }

        if (PostImages.TooLarge(file) is { } tooLarge)
        {
            return tooLarge;
        }

        var since = clock.GetUtcNow() - AttachWithin;
        if (await db.GroupMessageImages.CountAsync(i => i.UploaderId == me && i.GroupId == id && i.MessageId == null && i.CreatedAt > since, cancellationToken)
            >= MaxPending)
        {
            return Problems.Field("file", $"Send the images you have uploaded first (at most {MaxPending} waiting).");
        }

        var (image, problem) = await PostImages.EncodeUploadAsync(file, cancellationToken);
        if (image is null)
        {
            return problem!;
        }

        var row = new GroupMessageImage
        {
            GroupId = id, UploaderId = me, StorageKey = "", Width = image.Width, Height = image.Height, CreatedAt = clock.GetUtcNow(),
        };
        row.StorageKey = $"chat/{id:N}/{row.Id:N}.webp";
        await storage.SaveAsync(row.StorageKey, new MemoryStream(image.Webp), cancellationToken);
        db.GroupMessageImages.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/groups/{id}/attachments/{row.Id}",
            new ChatAttachmentResponse(row.Id, row.Width, row.Height, row.CreatedAt + AttachWithin));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, Guid messageId, Guid imageId, HttpContext http, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage,
        CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null || !view.IsMember)
        {
            return Problems.NotFound("The image");
        }

        var key = await db.GroupMessages.AsNoTracking()
            .Where(m => m.Id == messageId && m.GroupId == id && m.DeletedAt == null && (m.Status == ContentStatus.Published || m.AuthorId == me))
            .Join(db.GroupMessageImages.Where(i => i.Id == imageId), m => m.Id, i => i.MessageId, (m, i) => i.StorageKey)
            .FirstOrDefaultAsync(cancellationToken);
        // Members only, and gone when the message is deleted: never in shared caches, revalidated on every view (304 by ETag).
        return await PostImages.StreamAsync(storage, key, imageId.ToString("N"), "private, no-cache", http, cancellationToken) is { } image
            ? image
            : Problems.NotFound("The image");
    }

    /// <summary>
    /// Claims <paramref name="ids"/> (the caller's own, unattached uploads for this group) for a new message, in the
    /// given order. Returns the problem when an id is unknown, someone else's, for another group, already sent or expired.
    /// </summary>
    public static async Task<(List<GroupMessageImage> Images, ValidationProblem? Problem)> ClaimAsync(
        SelahDbContext db, Guid groupId, Guid me, IReadOnlyList<Guid>? ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids is null || ids.Count == 0)
        {
            return ([], null);
        }

        if (ids.Count > MaxPerMessage)
        {
            return ([], Problems.Field("attachmentIds", $"A message has at most {MaxPerMessage} images."));
        }

        if (ids.Distinct().Count() != ids.Count)
        {
            return ([], Problems.Field("attachmentIds", "An image is listed twice."));
        }

        var since = now - AttachWithin;
        var rows = await db.GroupMessageImages
            .Where(i => ids.Contains(i.Id) && i.GroupId == groupId && i.UploaderId == me && i.MessageId == null && i.CreatedAt > since)
            .ToListAsync(cancellationToken);
        if (rows.Count != ids.Count)
        {
            return ([], Problems.Field("attachmentIds", "Unknown attachment: upload the image to this group first (uploads expire after 24 hours)."));
        }

        return (ids.Select(id => rows.First(r => r.Id == id)).ToList(), null);
    }

    /// <summary>The images of these messages, in order, by message id (none for deleted messages).</summary>
    public static async Task<ILookup<Guid, ChatImageResponse>> ForMessagesAsync(
        SelahDbContext db, IReadOnlyCollection<GroupMessage> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Where(m => m.DeletedAt is null).Select(m => m.Id).ToList();
        if (ids.Count == 0)
        {
            return Array.Empty<(Guid, ChatImageResponse)>().ToLookup(x => x.Item1, x => x.Item2);
        }

        var rows = await db.GroupMessageImages.AsNoTracking().Where(i => i.MessageId != null && ids.Contains(i.MessageId.Value))
            .OrderBy(i => i.Position).ToListAsync(cancellationToken);
        return rows.ToLookup(i => i.MessageId!.Value, i => new ChatImageResponse(i.Id, Url(i.GroupId, i.MessageId!.Value, i.Id), i.Width, i.Height));
    }
}

/// <summary>
/// The durable Quartz job (key <c>chat.image-cleanup</c>, hourly) that deletes chat uploads never sent within
/// <see cref="ChatImages.AttachWithin"/> and the images of deleted messages, rows and files.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ChatImageCleanupJob(IServiceScopeFactory scopes, ILogger<ChatImageCleanupJob> logger) : SelahJob(logger)
{
    public static readonly JobKey Key = new("image-cleanup", "chat");
    private const int Batch = 200;

    protected override async Task RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await CleanAsync(scope.ServiceProvider, cancellationToken);
    }

    /// <summary>One pass; returns how many images were removed.</summary>
    public static async Task<int> CleanAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SelahDbContext>();
        var storage = services.GetRequiredService<IFileStorage>();
        var before = services.GetRequiredService<TimeProvider>().GetUtcNow() - ChatImages.AttachWithin;
        var removed = 0;
        while (true)
        {
            var rows = await db.GroupMessageImages
                .Where(i => (i.MessageId == null && i.CreatedAt < before)
                    || (i.MessageId != null && db.GroupMessages.Any(m => m.Id == i.MessageId && m.DeletedAt != null)))
                .OrderBy(i => i.Id).Take(Batch).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return removed;
            }

            foreach (var row in rows)
            {
                await storage.DeleteAsync(row.StorageKey, cancellationToken);
            }

            db.GroupMessageImages.RemoveRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            removed += rows.Count;
        }
    }
}

/// <summary>Stores the clean-up job durably with its hourly schedule at start-up (replacing an older definition).</summary>
internal sealed class ChatImageCleanupSchedule(ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ChatImageCleanupJob>().WithIdentity(ChatImageCleanupJob.Key).StoreDurably().RequestRecovery().Build();
        var trigger = Quartz.TriggerBuilder.Create().WithIdentity("image-cleanup-hourly", "chat").ForJob(ChatImageCleanupJob.Key)
            .StartAt(DateTimeOffset.UtcNow.AddMinutes(5))
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
