using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Contracts.Library;
using Selah.Contracts.Search;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Library;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Search;

/// <summary>
/// <c>GET /api/v1/search</c>: tracks through <see cref="TrackSearch"/> (full text, prefix, typos); albums, artists and
/// playlists by name (every word a substring, names starting with the first word first; on SQLite unknown words are
/// corrected like track words, on PostgreSQL by trigram similarity).
/// </summary>
public static class SearchApi
{
    public const int MaxQueryLength = 200;
    public const int MaxOffset = 500;
    private static readonly string[] Types = ["track", "album", "artist", "playlist"];

    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SearchVocabulary>();
        builder.Services.AddSingleton<TrackSearch>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/search").WithTags("Search").AddEndpointFilter<ValidationFilter>()
            .MapGet("/", SearchAsync).WithName("Search")
            .WithSummary("Ranked search of tracks (titles, artists, albums, lyrics), albums, artists and playlists; prefix and typo tolerant.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        [AsParameters] SearchQuery query, ClaimsPrincipal user, SelahDbContext db, TrackSearch tracks, CancellationToken cancellationToken)
    {
        var q = query.Q?.Trim() ?? "";
        if (q.Length == 0)
        {
            return Problems.Field("q", "Type something to search for.");
        }

        if (q.Length > MaxQueryLength)
        {
            return Problems.Field("q", $"The search text must be at most {MaxQueryLength} characters.");
        }

        var type = query.Type?.Trim().ToLowerInvariant();
        if (type is { Length: 0 })
        {
            type = null;
        }

        if (type is not null && !Types.Contains(type))
        {
            return Problems.Field("type", "Type must be track, album, artist or playlist.");
        }

        var limit = query.Limit ?? 10;
        if (limit is < 1 or > 50)
        {
            return Problems.Field("limit", "Limit must be between 1 and 50.");
        }

        var (words, lastIsPrefix) = SearchText.Words(q);
        var sort = CursorSort(type, words, lastIsPrefix);
        var offset = 0;
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (type is null || !CatalogCursor.TryDecode(query.Cursor, sort, out var cursor) || !cursor.TryGetLong(out var skip) || skip is < 0 or > MaxOffset)
            {
                return Problems.Field("cursor", type is null ? "A cursor pages one section: pass type too." : "The cursor does not belong to this search.");
            }

            offset = (int)skip;
        }

        var response = new SearchResponse { Query = q };
        if (words.Count == 0)
        {
            return TypedResults.Ok(response with
            {
                Tracks = type is null or "track" ? Empty<TrackResponse>() : null,
                Albums = type is null or "album" ? Empty<AlbumSummary>() : null,
                Artists = type is null or "artist" ? Empty<ArtistSummary>() : null,
                Playlists = type is null or "playlist" ? Empty<PlaylistSummary>() : null,
            });
        }

        string? Next(int count) => count > limit && offset + limit <= MaxOffset ? CatalogCursor.For(sort, offset + limit, Guid.Empty).Encode() : null;

        if (type is null or "track")
        {
            var ids = await tracks.SearchAsync(db, user, words, lastIsPrefix, offset, limit + 1, cancellationToken);
            var page = ids.Take(limit).ToList();
            var rows = await CatalogQueries.VisibleTracks(db, user).Where(t => page.Contains(t.Id)).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
            var mapped = (await CatalogMapper.ToResponsesAsync(db, rows, user, cancellationToken)).ToDictionary(t => t.Id);
            response = response with { Tracks = new CatalogPage<TrackResponse>(page.Where(mapped.ContainsKey).Select(id => mapped[id]).ToList(), Next(ids.Count)) };
        }

        List<string>? corrected = null;
        var correctedLoaded = false;
        async Task<List<string>?> CorrectedAsync()
        {
            if (!correctedLoaded)
            {
                corrected = await tracks.CorrectAsync(db, words, lastIsPrefix, cancellationToken);
                correctedLoaded = true;
            }

            return corrected;
        }

        if (type is null or "album")
        {
            var albums = CatalogQueries.VisibleAlbums(db, user);
            var ids = await NamesAsync(db, albums.Select(a => new Named { Id = a.Id, Name = a.Title }), "Albums", "Title", words, offset, limit + 1, CorrectedAsync, cancellationToken);
            var page = ids.Take(limit).ToList();
            var found = (await albums.Where(a => page.Contains(a.Id)).Select(CatalogMapper.AlbumSummaries).ToListAsync(cancellationToken)).ToDictionary(a => a.Id);
            response = response with { Albums = new CatalogPage<AlbumSummary>(page.Where(found.ContainsKey).Select(id => found[id]).ToList(), Next(ids.Count)) };
        }

        if (type is null or "artist")
        {
            var artists = db.Artists.AsNoTracking();
            var ids = await NamesAsync(db, artists.Select(a => new Named { Id = a.Id, Name = a.Name }), "Artists", "Name", words, offset, limit + 1, CorrectedAsync, cancellationToken);
            var page = ids.Take(limit).ToList();
            var found = (await artists.Where(a => page.Contains(a.Id)).Select(CatalogMapper.ArtistSummaries).ToListAsync(cancellationToken)).ToDictionary(a => a.Id);
            response = response with { Artists = new CatalogPage<ArtistSummary>(page.Where(found.ContainsKey).Select(id => found[id]).ToList(), Next(ids.Count)) };
        }

        if (type is null or "playlist")
        {
            var playlists = PlaylistService.Discoverable(db, user);
            var ids = await NamesAsync(db, playlists.Select(p => new Named { Id = p.Id, Name = p.Name }), null, null, words, offset, limit + 1, CorrectedAsync, cancellationToken);
            var page = ids.Take(limit).ToList();
            var found = (await PlaylistService.ToSummariesAsync(db, playlists.Where(p => page.Contains(p.Id)), user, cancellationToken)).ToDictionary(p => p.Id);
            response = response with { Playlists = new CatalogPage<PlaylistSummary>(page.Where(found.ContainsKey).Select(id => found[id]).ToList(), Next(ids.Count)) };
        }

        return TypedResults.Ok(response);
    }

    private sealed class Named
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    /// <summary>Rows whose name contains every word; names starting with the first word first, then shorter names.</summary>
    private static async Task<List<Guid>> NamesAsync(SelahDbContext db, IQueryable<Named> rows, string? table, string? column, IReadOnlyList<string> words,
        int offset, int count, Func<Task<List<string>?>> corrected, CancellationToken cancellationToken)
    {
        var found = await ContainingAsync(rows, words, offset, count, cancellationToken);
        if (found.Count > 0 || offset > 0)
        {
            return found;
        }

        if (db.Database.IsNpgsql())
        {
            if (table is null)
            {
                return [];
            }

            // Trigram word similarity over the (small) artist and album tables.
            var sql = $$"""SELECT "Id" AS "Value" FROM "{{table}}" WHERE word_similarity({0}, lower("{{column}}")) >= 0.5 ORDER BY word_similarity({0}, lower("{{column}}")) DESC, "Id" LIMIT {1}"""; // table and column are constants of this class, never input
            var ids = await db.Database.SqlQueryRaw<Guid>(sql, string.Join(' ', words), count * 4).ToListAsync(cancellationToken);
            var visible = await rows.Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
            return ids.Where(visible.Contains).Take(count).ToList();
        }

        return await corrected() is { } better ? await ContainingAsync(rows, better, 0, count, cancellationToken) : [];
    }

    private static async Task<List<Guid>> ContainingAsync(IQueryable<Named> rows, IReadOnlyList<string> words, int offset, int count, CancellationToken cancellationToken)
    {
        foreach (var word in words)
        {
            var pattern = $"%{word}%";
            rows = rows.Where(r => EF.Functions.Like(r.Name.ToLower(), pattern));
        }

        var first = words[0] + "%";
        return await rows.OrderByDescending(r => EF.Functions.Like(r.Name.ToLower(), first)).ThenBy(r => r.Name.Length).ThenBy(r => r.Id)
            .Skip(offset).Take(count).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    private static string CursorSort(string? type, IReadOnlyList<string> words, bool lastIsPrefix) =>
        $"search:{type}:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join(' ', words) + (lastIsPrefix ? "*" : ""))))[..12];

    private static CatalogPage<T> Empty<T>() => new([], null);
}
