using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Media;

/// <summary>
/// Listening events. One <see cref="Play"/> row per playback id; listened time grows by position deltas capped at the
/// wall-clock time since the previous event (a client cannot claim more listening than time has passed); the play
/// counts once, at 30 s listened (or the whole of a shorter track), and bumps the track's play count exactly once.
/// </summary>
public static class PlaysApi
{
    public const double CountAfterSeconds = 30;

    public static void MapPlaysApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/plays").WithTags("Media").RequireAuthorization().AddEndpointFilter<ValidationFilter>()
            .MapPost("/", RecordAsync).WithName("RecordPlayEvent").WithSummary("Report start, progress, complete or skip of a playback.")
            .RateLimited<ClaimsPrincipal>("plays", u => u.TryGetUserId()?.ToString())
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public static async Task<Results<Ok<PlayEventResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        PlayEventRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var track = await db.Tracks.AsNoTracking().Include(t => t.Artist).SingleOrDefaultAsync(t => t.Id == request.TrackId, cancellationToken);
        if (track is null || !CatalogAccess.CanStream(track, user))
        {
            return Problems.NotFound("The track");
        }

        var now = clock.GetUtcNow();
        var position = Math.Min(request.PositionSeconds, track.DurationSeconds ?? request.PositionSeconds);
        var play = request.PlaybackId is { } playbackId ? await db.Plays.SingleOrDefaultAsync(p => p.Id == playbackId, cancellationToken) : null;
        if (play is not null && (play.UserId != userId || play.TrackId != track.Id))
        {
            return Problems.Field("playbackId", "This playback id belongs to another playback; start a new one.");
        }

        if (play is null)
        {
            play = new Play
            {
                Id = request.PlaybackId ?? Guid.CreateVersion7(),
                TrackId = track.Id,
                UserId = userId,
                StartedAt = now,
                LastEventAt = now,
                LastPositionSeconds = position,
            };
            db.Plays.Add(play);
        }
        else
        {
            var advanced = position - play.LastPositionSeconds;
            var elapsed = Math.Max(0, (now - play.LastEventAt).TotalSeconds);
            if (advanced > 0)
            {
                play.ListenedSeconds += Math.Min(advanced, elapsed); // a seek forward is not listening
            }

            play.LastPositionSeconds = position;
            play.LastEventAt = now;
        }

        if (request.Event == "complete")
        {
            play.Completed = true;
        }

        var threshold = Math.Min(CountAfterSeconds, Math.Max(0, (track.DurationSeconds ?? CountAfterSeconds) - 1));
        var reachesCount = !play.Counted && play.ListenedSeconds >= threshold && (play.ListenedSeconds >= CountAfterSeconds || play.Completed);
        await db.SaveChangesAsync(cancellationToken);

        // Count through a conditional update, so two concurrent events of one playback cannot both count it.
        if (reachesCount && await db.Plays.Where(p => p.Id == play.Id && !p.Counted)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Counted, true), cancellationToken) == 1)
        {
            play.Counted = true;
            await db.Tracks.Where(t => t.Id == track.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.PlayCount, t => t.PlayCount + 1), cancellationToken);
        }

        return TypedResults.Ok(new PlayEventResponse(play.Id, play.Counted, Math.Round(play.ListenedSeconds, 3)));
    }
}
