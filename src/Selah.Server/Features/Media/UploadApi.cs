using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Media;

/// <summary>Upload (multipart, streamed: memory stays flat whatever the size) and retry of failed processing.</summary>
public static class UploadApi
{
    private const int MaxMetadataBytes = 256 * 1024;

    public static void MapUploadApi(this IEndpointRouteBuilder app, long maxUploadBytes)
    {
        var tracks = app.MapGroup("/api/v1/tracks").WithTags("Media").RequireAuthorization(Policies.Artist)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        tracks.MapPost("/", UploadAsync).WithName("UploadTrack")
            .WithSummary("Upload an audio file (multipart: part 'file', optional JSON part 'metadata' before it); processing runs in the background.")
            .DisableAntiforgery() // checked for cookie sessions by CookieAntiforgeryMiddleware, like every unsafe API request
            .WithMetadata(new RequestSizeLimitAttribute(maxUploadBytes + 1024 * 1024)) // the file plus the multipart framing and metadata
            .RateLimited("uploads")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        tracks.MapPost("/{id:guid}/retry", RetryAsync).WithName("RetryTrackProcessing")
            .WithSummary("Process a failed track again (its artist's manager or an admin).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Results<Accepted<TrackUploadResponse>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpContext http, ClaimsPrincipal user, TrackIngest ingest, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Problems.Field("file", "Send multipart/form-data with the audio file in part 'file'.");
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        TrackMetadataRequest? metadata = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            var name = disposition?.Name.Value?.Trim('"');
            if (name == "metadata")
            {
                var (parsed, problem) = await ReadMetadataAsync(section.Body, json.Value.SerializerOptions, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                metadata = parsed;
            }
            else if (name == "file")
            {
                var fileName = disposition!.FileName.Value?.Trim('"') ?? disposition.FileNameStar.Value;
                var track = await ingest.IngestAsync(section.Body, fileName, metadata, user.GetUserId(), cancellationToken);
                return TypedResults.Accepted($"/api/v1/tracks/{track.Id}", new TrackUploadResponse(track.Id, track.Status, track.Title));
            }
            else
            {
                await section.Body.CopyToAsync(Stream.Null, cancellationToken);
            }
        }

        return metadata is null
            ? Problems.Field("file", "Choose an audio file to upload (part 'file').")
            : Problems.Field("file", "Choose an audio file to upload (part 'file', after the 'metadata' part).");
    }

    private static async Task<(TrackMetadataRequest?, ValidationProblem?)> ReadMetadataAsync(Stream body, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxMetadataBytes)
            {
                return (null, Problems.Field("metadata", "Metadata must be at most 256 KB of JSON."));
            }

            buffer.Write(chunk, 0, read);
        }

        TrackMetadataRequest? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<TrackMetadataRequest>(buffer.ToArray(), options);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "metadata" : "metadata." + e.Path.TrimStart('$', '.');
            return (null, Problems.Field(field, field == "metadata" ? "Metadata is not valid JSON." : $"The value at {e.Path} is not valid."));
        }

        if (metadata is null)
        {
            return (null, Problems.Field("metadata", "Metadata must be a JSON object."));
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(metadata, new ValidationContext(metadata), results, validateAllProperties: true))
        {
            return (null, TypedResults.ValidationProblem(results.GroupBy(r => "metadata." + JsonNamingPolicy.CamelCase.ConvertName(r.MemberNames.FirstOrDefault() ?? ""))
                .ToDictionary(g => g.Key, g => g.Select(r => r.ErrorMessage ?? "Not valid.").ToArray())));
        }

        return TrackMetadataRules.FirstError(metadata) is { } error ? (null, Problems.Field("metadata." + error.Field, error.Message)) : (metadata, null);
    }

    public static async Task<Results<Accepted<TrackUploadResponse>, ProblemHttpResult>> RetryAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, TrackJobs jobs, MediaTools tools, TimeProvider clock, CancellationToken cancellationToken)
    {
        var track = await db.Tracks.Include(t => t.Artist).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (track is null || !CatalogAccess.CanView(track, user))
        {
            return Problems.NotFound("The track");
        }

        if (!CatalogAccess.CanManage(track.Artist, user))
        {
            return Problems.Forbidden("not-your-track", "Only the artist's manager or an admin can retry processing.");
        }

        if (track.Status != TrackStatus.Failed)
        {
            return Problems.Conflict("not-failed", "Only a failed track can be retried.", $"The track is {track.Status.ToString().ToLowerInvariant()}.");
        }

        if (!tools.Available)
        {
            throw TrackIngest.Unavailable();
        }

        track.Status = TrackStatus.Processing;
        track.Error = null;
        track.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await jobs.ScheduleAsync(track.Id, cancellationToken);
        return TypedResults.Accepted($"/api/v1/tracks/{track.Id}", new TrackUploadResponse(track.Id, track.Status, track.Title));
    }
}
