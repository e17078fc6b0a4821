using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Search;

/// <summary>
/// The typo path: the indexed words held in memory and rebuilt when <c>TrackSearchState.Version</c> changes. SQLite reads
/// them from the FTS5 index (the <c>TrackSearchVocab</c> fts5vocab table; the index triggers bump the version),
/// PostgreSQL from <c>TrackSearchWords</c> (kept by <c>selah_track_search_refresh</c>, which bumps the version when a new
/// word appears). A word with no exact or
/// prefix hit is replaced by the closest vocabulary word within <see cref="SearchText.AllowedEdits"/> edits
/// (Damerau–Levenshtein), preferring fewer edits, then more documents.
/// </summary>
public sealed class SearchVocabulary
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    private sealed record Snapshot(long Version, HashSet<string> Words, string[] Sorted, Dictionary<int, List<(string Word, long Docs)>> ByLength);

    /// <summary>The words corrected where needed, or null when no word needed (or found) a correction.</summary>
    public async Task<List<string>?> CorrectAsync(SelahDbContext db, IReadOnlyList<string> words, bool lastIsPrefix, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(db, cancellationToken);
        var corrected = new List<string>(words.Count);
        var changed = false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var prefix = lastIsPrefix && i == words.Count - 1;
            if (snapshot.Words.Contains(word) || (prefix && HasPrefix(snapshot.Sorted, word)))
            {
                corrected.Add(word);
                continue;
            }

            var best = Closest(snapshot, word);
            if (best is null)
            {
                corrected.Add(word);
                continue;
            }

            corrected.Add(best);
            changed = true;
        }

        return changed ? corrected : null;
    }

    private static bool HasPrefix(string[] sorted, string prefix)
    {
        var index = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
        if (index < 0)
        {
            index = ~index;
        }

        return index < sorted.Length && sorted[index].StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string? Closest(Snapshot snapshot, string word)
    {
        var max = SearchText.AllowedEdits(word);
        if (max == 0)
        {
            return null;
        }

        string? best = null;
        var bestDistance = max + 1;
        long bestDocs = -1;
        for (var length = word.Length - max; length <= word.Length + max; length++)
        {
            if (!snapshot.ByLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var (candidate, docs) in candidates)
            {
                var distance = SearchText.Distance(word, candidate, Math.Min(max, bestDistance));
                if (distance < bestDistance || (distance == bestDistance && distance <= max && docs > bestDocs))
                {
                    best = candidate;
                    bestDistance = distance;
                    bestDocs = docs;
                }
            }
        }

        return bestDistance <= max ? best : null;
    }

    private async Task<Snapshot> CurrentAsync(SelahDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var postgres = db.Database.IsNpgsql();
            var version = await ScalarAsync(connection,
                postgres ? """SELECT "Version" FROM "TrackSearchState" WHERE "Id" = 1""" : "SELECT Version FROM TrackSearchState WHERE Id = 1",
                cancellationToken);
            if (_snapshot is { } current && current.Version == version)
            {
                return current;
            }

            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_snapshot is { } again && again.Version == version)
                {
                    return again;
                }

                var words = new HashSet<string>(StringComparer.Ordinal);
                var byLength = new Dictionary<int, List<(string, long)>>();
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = postgres
                        ? """SELECT "Word", "Docs"::bigint FROM "TrackSearchWords" WHERE length("Word") <= 40"""
                        : "SELECT term, doc FROM TrackSearchVocab WHERE length(term) <= 40";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var term = reader.GetString(0);
                        words.Add(term);
                        if (!byLength.TryGetValue(term.Length, out var list))
                        {
                            byLength[term.Length] = list = [];
                        }

                        list.Add((term, reader.GetInt64(1)));
                    }
                }

                var sorted = words.ToArray();
                Array.Sort(sorted, StringComparer.Ordinal);
                _snapshot = new Snapshot(version, words, sorted, byLength);
                return _snapshot;
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
