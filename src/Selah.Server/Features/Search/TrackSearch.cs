using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Search;

/// <summary>
/// Ranked track ids for a query, in two tiers so a title/artist/album match always outranks a lyrics-only match:
/// tier 1 matches every word in the title, artist or album (ranked title A &gt; artist/album B); tier 2 matches with the
/// lyrics too (ranked, over at most <see cref="LyricsCandidates"/> candidates so common words stay fast). When neither
/// tier finds anything, the typo path runs: unknown words are rewritten to the nearest indexed word
/// (<see cref="SearchVocabulary"/>) and searched again; on PostgreSQL, when that finds nothing, <c>pg_trgm</c> word
/// similarity of the names ranks. On PostgreSQL names
/// live in the narrow <c>TrackNameSearch</c> table and lyrics in <c>TrackSearch</c> (both kept by triggers).
/// Only tracks the caller may see (<see cref="CatalogQueries.VisibleTracks"/>'s rule, in SQL) are returned.
/// </summary>
public sealed class TrackSearch(SearchVocabulary vocabulary)
{
    public const int LyricsCandidates = 2000;

    public async Task<List<Guid>> SearchAsync(
        SelahDbContext db, ClaimsPrincipal user, IReadOnlyList<string> words, bool lastIsPrefix, int offset, int count, CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return [];
        }

        var postgres = db.Database.IsNpgsql();
        var hits = postgres
            ? await TieredAsync(db, user, words, lastIsPrefix, offset, count, PostgresTierAsync, cancellationToken)
            : await TieredAsync(db, user, words, lastIsPrefix, offset, count, SqliteTierAsync, cancellationToken);
        if (hits.Count > 0 || offset > 0)
        {
            return hits;
        }

        var corrected = await vocabulary.CorrectAsync(db, words, lastIsPrefix, cancellationToken);
        if (!postgres)
        {
            return corrected is null ? [] : await TieredAsync(db, user, corrected, lastIsPrefix, 0, count, SqliteTierAsync, cancellationToken);
        }

        // PostgreSQL: the corrected words first (cheap), then trigram similarity of the whole text for what word-by-word
        // correction cannot fix (joined or split words, several typos in one word).
        if (corrected is not null)
        {
            hits = await TieredAsync(db, user, corrected, lastIsPrefix, 0, count, PostgresTierAsync, cancellationToken);
            if (hits.Count > 0)
            {
                return hits;
            }
        }

        return await PostgresFuzzyAsync(db, user, words, count, cancellationToken);
    }

    /// <summary>Typo correction for album/artist/playlist names: the corrected words (SQLite), or null.</summary>
    public async Task<List<string>?> CorrectAsync(SelahDbContext db, IReadOnlyList<string> words, bool lastIsPrefix, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? null : await vocabulary.CorrectAsync(db, words, lastIsPrefix, cancellationToken);

    private delegate Task<List<Guid>> Tier(SelahDbContext db, ClaimsPrincipal user, IReadOnlyList<string> words, bool lastIsPrefix, bool lyrics,
        int skip, int take, CancellationToken cancellationToken);

    private static async Task<List<Guid>> TieredAsync(SelahDbContext db, ClaimsPrincipal user, IReadOnlyList<string> words, bool lastIsPrefix,
        int offset, int count, Tier tier, CancellationToken cancellationToken)
    {
        var names = await tier(db, user, words, lastIsPrefix, false, 0, offset + count, cancellationToken);
        if (names.Count >= offset + count)
        {
            return names.Skip(offset).ToList();
        }

        var page = names.Skip(offset).ToList();
        var lyricsSkip = Math.Max(0, offset - names.Count);
        page.AddRange(await tier(db, user, words, lastIsPrefix, true, lyricsSkip, count - page.Count, cancellationToken));
        return page;
    }

    private static (string Sql, object[] Parameters) Visibility(ClaimsPrincipal user, bool postgres, int firstParameter)
    {
        if (CatalogAccess.IsAdmin(user))
        {
            return ("1 = 1", []);
        }

        var published = postgres ? "(t.\"Published\" AND t.\"Status\" = 'Ready')" : "(t.\"Published\" = 1 AND t.\"Status\" = 'Ready')";
        if (user.TryGetUserId() is not { } me)
        {
            return (published, []);
        }

        object id = postgres ? me : me.ToString().ToUpperInvariant();
        return ($"({published} OR t.\"UploadedById\" = {{{firstParameter}}} OR a.\"OwnerId\" = {{{firstParameter}}})", [id]);
    }

    // ---------- SQLite: FTS5 ----------

    private static string FtsExpression(IReadOnlyList<string> words, bool lastIsPrefix) =>
        string.Join(' ', words.Select((w, i) => $"\"{w}\"" + (lastIsPrefix && i == words.Count - 1 ? "*" : "")));

    private static async Task<List<Guid>> SqliteTierAsync(SelahDbContext db, ClaimsPrincipal user, IReadOnlyList<string> words, bool lastIsPrefix,
        bool lyrics, int skip, int take, CancellationToken cancellationToken)
    {
        // Rank inside FTS5 and join only the best few: joining every match to Tracks/Artists before sorting cost ~10x
        // more than the ranking for common words. In a public catalogue nearly every match is visible, so
        // (skip + take) × Overfetch ranked rows almost always fill the page. When they do not (few matches, the end of
        // the results, or hidden rows among the best), rank again without the cap: cheap when matches are few, and
        // exact when hidden rows were in the way.
        var ranked = await SqliteRankedAsync(db, user, words, lastIsPrefix, lyrics, skip, take, (skip + take) * Overfetch, cancellationToken);
        return ranked.Count >= take ? ranked : await SqliteRankedAsync(db, user, words, lastIsPrefix, lyrics, skip, take, null, cancellationToken);
    }

    private const int Overfetch = 4;

    private static async Task<List<Guid>> SqliteRankedAsync(SelahDbContext db, ClaimsPrincipal user,
        IReadOnlyList<string> words, bool lastIsPrefix, bool lyrics, int skip, int take, int? cap, CancellationToken cancellationToken)
    {
        var expression = FtsExpression(words, lastIsPrefix);
        var names = $"{{title artist album}} : ({expression})";
        var match = lyrics ? $"({expression}) NOT ({names})" : names;
        var (visible, parameters) = Visibility(user, false, 3);
        // bm25: lower is better; weights title 10, artist 4, album 3, lyrics 1. The lyrics tier ranks a bounded candidate set.
        var matches = lyrics
            ? $"SELECT rowid AS r, bm25(TrackSearch, 10.0, 4.0, 3.0, 1.0) AS score FROM TrackSearch WHERE TrackSearch MATCH {{0}} LIMIT {LyricsCandidates}"
            : "SELECT rowid AS r, bm25(TrackSearch, 10.0, 4.0, 3.0, 1.0) AS score FROM TrackSearch WHERE TrackSearch MATCH {0}";
        var source = cap is { } limit ? $"SELECT r, score FROM ({matches}) ORDER BY score, r LIMIT {limit}" : matches;
        var sql = $$"""
            SELECT t."Id" AS "Value"
            FROM ({{source}}) AS m
            JOIN TrackSearchKeys k ON k.Id = m.r
            JOIN "Tracks" t ON t."Id" = k.TrackId
            JOIN "Artists" a ON a."Id" = t."ArtistId"
            WHERE {{visible}}
            ORDER BY m.score, m.r
            LIMIT {1} OFFSET {2}
            """;
        // Ties break on the index row id in both the cap and the page, so a capped page is exactly a slice of the full order.
        return await db.Database.SqlQueryRaw<Guid>(sql, [match, take, skip, .. parameters]).ToListAsync(cancellationToken);
    }

    // ---------- PostgreSQL: tsvector + pg_trgm ----------

    private static string TsQuery(IReadOnlyList<string> words, bool lastIsPrefix) =>
        string.Join(" & ", words.Select((w, i) => w + (lastIsPrefix && i == words.Count - 1 ? ":*" : "")));

    private static async Task<List<Guid>> PostgresTierAsync(SelahDbContext db, ClaimsPrincipal user, IReadOnlyList<string> words, bool lastIsPrefix,
        bool lyrics, int skip, int take, CancellationToken cancellationToken)
    {
        if (lyrics)
        {
            return await PostgresLyricsAsync(db, user, words, lastIsPrefix, skip, take, cancellationToken);
        }

        // As on SQLite: rank in the narrow name table alone and join only the best (skip + take) × Overfetch to Tracks for
        // the visibility rule. Joining every match first read one wide Tracks row per match (4,000+ for a two-letter
        // prefix) before sorting, ~7× the cost of the ranking. When the capped rows do not fill the page although the
        // cap was reached (hidden rows in the way, or the end of a long result), rank again without the cap.
        var cap = (skip + take) * Overfetch;
        var (ranked, candidates) = await PostgresNamesAsync(db, user, words, lastIsPrefix, skip, take, cap, cancellationToken);
        return ranked.Count >= take || candidates < cap
            ? ranked
            : (await PostgresNamesAsync(db, user, words, lastIsPrefix, skip, take, null, cancellationToken)).Ids;
    }

    private sealed class RankedRow
    {
        public Guid? Id { get; set; }

        public long Candidates { get; set; }
    }

    /// <summary>The page, and how many ranked candidates it was cut from.</summary>
    private static async Task<(List<Guid> Ids, long Candidates)> PostgresNamesAsync(SelahDbContext db, ClaimsPrincipal user,
        IReadOnlyList<string> words, bool lastIsPrefix, int skip, int take, int? cap, CancellationToken cancellationToken)
    {
        var (visible, parameters) = Visibility(user, true, 3);
        var limit = cap is { } n ? $"ORDER BY rank DESC, s.\"TrackId\" LIMIT {n}" : "";
        // One row per page entry, each carrying the candidate count; an empty page still returns one row (Id null).
        var sql = $$"""
            WITH m AS (
              SELECT s."TrackId", ts_rank(s."Names", q) AS rank
              FROM "TrackNameSearch" s CROSS JOIN to_tsquery('simple', {0}) AS q
              WHERE s."Names" @@ q
              {{limit}}),
            page AS (
              SELECT m."TrackId", m.rank
              FROM m
              JOIN "Tracks" t ON t."Id" = m."TrackId"
              JOIN "Artists" a ON a."Id" = t."ArtistId"
              WHERE {{visible}}
              ORDER BY m.rank DESC, m."TrackId"
              LIMIT {1} OFFSET {2})
            SELECT p."TrackId" AS "Id", c.n AS "Candidates"
            FROM (SELECT count(*) AS n FROM m) AS c LEFT JOIN page AS p ON true
            ORDER BY p.rank DESC, p."TrackId"
            """;
        // Ties break on the track id in both the cap and the page, so a capped page is exactly a slice of the full order.
        var rows = await db.Database.SqlQueryRaw<RankedRow>(sql, [TsQuery(words, lastIsPrefix), take, skip, .. parameters]).ToListAsync(cancellationToken);
        return ([.. rows.Where(r => r.Id is not null).Select(r => r.Id!.Value)], rows.Count == 0 ? 0 : rows[0].Candidates);
    }

    private static async Task<List<Guid>> PostgresLyricsAsync(SelahDbContext db, ClaimsPrincipal user, IReadOnlyList<string> words, bool lastIsPrefix,
        int skip, int take, CancellationToken cancellationToken)
    {
        var (visible, parameters) = Visibility(user, true, 3);
        var sql = $$"""
            SELECT m."Id" AS "Value" FROM (
              SELECT t."Id", ts_rank(s."Document", q) AS rank
              FROM "TrackSearch" s CROSS JOIN to_tsquery('simple', {0}) AS q
              JOIN "Tracks" t ON t."Id" = s."TrackId"
              JOIN "Artists" a ON a."Id" = t."ArtistId"
              WHERE s."Document" @@ q AND NOT s."Names" @@ q AND {{visible}}
              LIMIT {{LyricsCandidates}}) AS m
            ORDER BY m.rank DESC, m."Id"
            LIMIT {1} OFFSET {2}
            """;
        return await db.Database.SqlQueryRaw<Guid>(sql, [TsQuery(words, lastIsPrefix), take, skip, .. parameters]).ToListAsync(cancellationToken);
    }

    private static async Task<List<Guid>> PostgresFuzzyAsync(SelahDbContext db, ClaimsPrincipal user, IReadOnlyList<string> words, int count,
        CancellationToken cancellationToken)
    {
        var (visible, parameters) = Visibility(user, true, 2);
        // "<%" is word similarity above pg_trgm.word_similarity_threshold (0.6), served by the trigram GIN index on NameText.
        var sql = $$"""
            SELECT t."Id" AS "Value"
            FROM "TrackNameSearch" s
            JOIN "Tracks" t ON t."Id" = s."TrackId"
            JOIN "Artists" a ON a."Id" = t."ArtistId"
            WHERE {0} <% s."NameText" AND {{visible}}
            ORDER BY word_similarity({0}, s."NameText") DESC, t."Id"
            LIMIT {1}
            """;
        return await db.Database.SqlQueryRaw<Guid>(sql, [string.Join(' ', words), count, .. parameters]).ToListAsync(cancellationToken);
    }
}
