using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Posts;

/// <summary>
/// Post images: the author uploads up to four per post (multipart part <c>file</c>); each is served only to those who
/// may read the post (a members-only or group post's image is never public), and removed by its author or a moderator.
/// </summary>
public static class PostImagesApi
{
    public static void MapPostImagesApi(RouteGroupBuilder open, RouteGroupBuilder signedIn)
    {
        open.MapGet("/{id:guid}/images/{imageId:guid}", GetImageAsync).WithName("GetPostImage")
            .WithSummary("An image of a post (WebP), for those who may read the post.");
        signedIn.MapPost("/{id:guid}/images", UploadImageAsync).WithName("UploadPostImage")
            .WithSummary("Attach an image to your post (PNG, JPEG, GIF or WebP, up to 10 MB; at most 4 per post); it is resized and re-encoded without EXIF.")
            .DisableAntiforgery() // cookie sessions are checked by CookieAntiforgeryMiddleware, like every unsafe API request
            .WithMetadata(new RequestSizeLimitAttribute(PostImages.MaxUploadBytes + 64 * 1024))
            .RateLimited("uploads")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        signedIn.MapDelete("/{id:guid}/images/{imageId:guid}", DeleteImageAsync).WithName("DeletePostImage")
            .WithSummary("Remove an image from a post (author or moderator).");
    }

    public static string Url(Guid postId, Guid imageId) => $"/api/v1/posts/{postId}/images/{imageId}";

    public static async Task<Results<Created<PostImageResponse>, ValidationProblem, ProblemHttpResult>> UploadImageAsync(
        Guid id, IFormFile? file, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var post = await CommunityAccess.Readable(db, user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return Problems.NotFound("The post");
        }

        if (post.AuthorId != user.GetUserId())
        {
            return Problems.Forbidden("not-your-post", "Only the author may add images to a post.");
        }

        if (PostImages.TooLarge(file) is { } tooLarge)
        {
            return tooLarge;
        }

        if (await db.PostImages.CountAsync(i => i.PostId == id, cancellationToken) >= PostImages.MaxPerPost)
        {
            return Problems.Field("file", $"A post has at most {PostImages.MaxPerPost} images.");
        }

        var (image, problem) = await PostImages.EncodeUploadAsync(file, cancellationToken);
        if (image is null)
        {
            return problem!;
        }

        var key = $"posts/{id:N}/{Convert.ToHexStringLower(SHA256.HashData(image.Webp))[..16]}.webp";
        await storage.SaveAsync(key, new MemoryStream(image.Webp), cancellationToken);
        var row = new PostImage { PostId = id, StorageKey = key, Width = image.Width, Height = image.Height, CreatedAt = clock.GetUtcNow() };
        db.PostImages.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var response = new PostImageResponse(row.Id, Url(id, row.Id), row.Width, row.Height);
        return TypedResults.Created(response.Url, response);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetImageAsync(
        Guid id, Guid imageId, HttpContext http, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var found = await CommunityAccess.Readable(db, user).Where(p => p.Id == id)
            .Join(db.PostImages.Where(i => i.Id == imageId), p => p.Id, i => i.PostId, (p, i) => new { p.Visibility, p.Status, i.StorageKey })
            .FirstOrDefaultAsync(cancellationToken);
        // An image never changes under its id; only a public, published post's image may sit in shared caches.
        var cacheControl = found is { Visibility: "public", Status: ContentStatus.Published } ? "public, max-age=31536000, immutable" : "private, max-age=3600";
        return await PostImages.StreamAsync(storage, found?.StorageKey, imageId.ToString("N"), cacheControl, http, cancellationToken) is { } image
            ? image
            : Problems.NotFound("The image");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteImageAsync(
        Guid id, Guid imageId, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var post = await CommunityAccess.Readable(db, user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var image = post is null ? null : await db.PostImages.FirstOrDefaultAsync(i => i.Id == imageId && i.PostId == id, cancellationToken);
        if (post is null || image is null)
        {
            return Problems.NotFound("The image");
        }

        if (post.AuthorId != user.GetUserId() && !CommunityAccess.IsModerator(user))
        {
            return Problems.Forbidden("not-your-post", "Only the author or a moderator may remove an image.");
        }

        db.PostImages.Remove(image);
        await db.SaveChangesAsync(cancellationToken);
        await storage.DeleteAsync(image.StorageKey, cancellationToken);
        return TypedResults.NoContent();
    }
}
