using System.Text;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Bible;
using Selah.Server.Features.Scripture;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Bible;

/// <summary>
/// Ranked full-text search in one translation: SQLite FTS5 (<c>bible_verses_fts</c>, porter + unicode61 without diacritics,
/// BM25) or PostgreSQL <c>tsvector</c> (<c>"Search"</c> column with a GIN index, the translation language's configuration,
/// <c>ts_rank_cd</c>). Both are created by the Bible migration's raw SQL. A search text that is a Bible reference
/// ("john 3:16") also yields a <see cref="BibleReferenceHit"/> for the client to jump to.
/// </summary>
public static class BibleSearch
{
    /// <summary>The PostgreSQL text search configuration for a language code (only known names reach SQL).</summary>
    public static string PostgresConfig(string language) => language switch
    {
        "en" => "english",
        "es" => "spanish",
        _ => "simple",
    };

    public sealed record SearchRow(int Book, int Chapter, int Verse, string Text, double Rank);

    private sealed record CountRow(int Value);

    public static async Task<(IReadOnlyList<SearchRow> Rows, int Total)> SearchAsync(
        SelahDbContext db, BibleTranslation translation, string query, int offset, int limit, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var config = PostgresConfig(translation.Language);
            var rows = await db.Database.SqlQuery<SearchRow>($"""
                SELECT v."Book", v."Chapter", v."Verse", v."Text", ts_rank_cd(v."Search", q)::float8 AS "Rank"
                FROM "BibleVerses" v, websearch_to_tsquery({config}::regconfig, {query}) q
                WHERE v."TranslationId" = {translation.Id} AND v."Search" @@ q
                ORDER BY "Rank" DESC, v."Id"
                LIMIT {limit} OFFSET {offset}
                """).ToListAsync(cancellationToken);
            var total = await db.Database.SqlQuery<CountRow>($"""
                SELECT count(*)::int AS "Value"
                FROM "BibleVerses" v, websearch_to_tsquery({config}::regconfig, {query}) q
                WHERE v."TranslationId" = {translation.Id} AND v."Search" @@ q
                """).SingleAsync(cancellationToken);
            return (rows, total.Value);
        }

        var match = Fts5Query(query);
        if (match.Length == 0)
        {
            return ([], 0);
        }

        var sqliteRows = await db.Database.SqlQuery<SearchRow>($"""
            SELECT v."Book", v."Chapter", v."Verse", v."Text", -bm25(bible_verses_fts) AS "Rank"
            FROM bible_verses_fts JOIN "BibleVerses" v ON v."Id" = bible_verses_fts.rowid
            WHERE bible_verses_fts MATCH {match} AND v."TranslationId" = {translation.Id}
            ORDER BY bm25(bible_verses_fts), v."Id"
            LIMIT {limit} OFFSET {offset}
            """).ToListAsync(cancellationToken);
        var sqliteTotal = await db.Database.SqlQuery<CountRow>($"""
            SELECT count(*) AS "Value"
            FROM bible_verses_fts JOIN "BibleVerses" v ON v."Id" = bible_verses_fts.rowid
            WHERE bible_verses_fts MATCH {match} AND v."TranslationId" = {translation.Id}
            """).SingleAsync(cancellationToken);
        return (sqliteRows, sqliteTotal.Value);
    }

    /// <summary>
    /// The user's words as an FTS5 query: every word quoted (so no FTS5 syntax gets through) and all required. Returns an
    /// empty string when there is no word to look for.
    /// </summary>
    public static string Fts5Query(string text)
    {
        var builder = new StringBuilder();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                builder.Append(builder.Length > 0 ? " " : "").Append('"').Append(word).Append('"');
                word.Clear();
            }
        }

        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch) || char.GetUnicodeCategory(ch) is System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                word.Append(ch);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return builder.ToString();
    }

    /// <summary>The passage the whole search text names ("john 3:16", "Ps 23"), or null when it is not just a reference.</summary>
    public static BibleReferenceHit? Reference(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!', '?', ';', ',');
        var passages = ReferenceParser.Parse(trimmed);
        if (passages.Count != 1 || passages[0].Index > 0 || passages[0].Length < trimmed.Length)
        {
            return null;
        }

        var parsed = passages[0];
        var osis = parsed.Scope == PassageScope.Books
            ? $"{BookAliases.OsisIds[parsed.Start.Book]}.1"
            : parsed.Osis();
        return BiblePassage.TryParse(osis, out var passage) switch
        {
            PassageError.None => new BibleReferenceHit(passage!.Osis, passage.Reference),
            PassageError.TooLong => BiblePassage.TryParse($"{BookAliases.OsisIds[parsed.Start.Book]}.{parsed.Start.Chapter}", out var first) == PassageError.None
                ? new BibleReferenceHit(first!.Osis, first.Reference)
                : null,
            _ => null,
        };
    }
}
