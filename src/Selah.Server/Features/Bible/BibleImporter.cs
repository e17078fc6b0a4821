using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Bible;

/// <summary><c>Selah:Bible</c>: which translations are imported at start-up and where SWORD modules live.</summary>
public sealed class BibleOptions
{
    public const string Section = "Selah:Bible";

    /// <summary>
    /// Comma-separated translation ids imported at start-up when missing (<c>kjv,web,sparv</c>). Null means the default, which
    /// is all three except in the <c>Testing</c> environment (tests import what they need themselves); empty means none.
    /// </summary>
    public string? Translations { get; set; }

    /// <summary>The SWORD module library (the folder holding <c>mods.d</c>); empty = <c>SWORD_PATH</c>, then <c>/usr/share/sword</c>.</summary>
    public string? SwordPath { get; set; }
}

/// <summary>What one import did.</summary>
public sealed record BibleImportResult(string Translation, BibleImportOutcome Outcome, int Verses, TimeSpan Elapsed, string? Message = null);

public enum BibleImportOutcome
{
    Imported,
    AlreadyPresent,
    Unavailable,
    Failed,
}

/// <summary>
/// Imports a translation from its SWORD module: runs <c>mod2imp &lt;module&gt;</c> (libsword-utils), converts every verse's OSIS
/// markup (<see cref="OsisText"/>) and bulk-inserts the verses in one transaction (prepared statement on SQLite, binary COPY
/// on PostgreSQL), then writes the translation row last. Idempotent: a translation already imported from the same module
/// version is skipped unless forced; a re-import replaces the verses atomically.
/// </summary>
public sealed class BibleImporter(IDbContextFactory<SelahDbContext> contexts, Microsoft.Extensions.Options.IOptions<BibleOptions> options,
    TimeProvider clock, ILogger<BibleImporter> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The module library in use (folder with <c>mods.d</c>).</summary>
    public string SwordPath =>
        !string.IsNullOrWhiteSpace(options.Value.SwordPath) ? options.Value.SwordPath!
        : Environment.GetEnvironmentVariable("SWORD_PATH") is { Length: > 0 } env ? env
        : "/usr/share/sword";

    /// <summary>Why <paramref name="translation"/> cannot be imported here (missing tool or module), or null when it can.</summary>
    public string? Unavailable(SwordTranslation translation)
    {
        if (FindTool("mod2imp") is null)
        {
            return $"the SWORD tool mod2imp is not installed (apt-get install libsword-utils {translation.Package})";
        }

        return ModuleConf(translation) is null
            ? $"the SWORD module {translation.Module} is not installed (apt-get install {translation.Package})"
            : null;
    }

    public async Task<BibleImportResult> ImportAsync(string id, bool force, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var translation = SwordTranslations.Find(id);
        if (translation is null)
        {
            return new BibleImportResult(id, BibleImportOutcome.Failed, 0, stopwatch.Elapsed,
                $"unknown translation '{id}' (known: {string.Join(", ", SwordTranslations.All.Select(t => t.Id))})");
        }

        if (Unavailable(translation) is { } why)
        {
            logger.LogWarning("Bible translation {Translation} not imported: {Reason}", translation.Id, why);
            return new BibleImportResult(translation.Id, BibleImportOutcome.Unavailable, 0, stopwatch.Elapsed, why);
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            var version = ModuleVersion(translation);
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var existing = await db.BibleTranslations.AsNoTracking().SingleOrDefaultAsync(t => t.Id == translation.Id, cancellationToken);
                if (existing is not null && !force && existing.ModuleVersion == version)
                {
                    return new BibleImportResult(translation.Id, BibleImportOutcome.AlreadyPresent, existing.VerseCount, stopwatch.Elapsed);
                }
            }

            var verses = await ReadModuleAsync(translation, cancellationToken);
            var count = await WriteAsync(translation, version, verses, cancellationToken);
            logger.LogInformation("Imported Bible translation {Translation} ({Module} {Version}): {Verses} verses in {Seconds:F1} s",
                translation.Id, translation.Module, version, count, stopwatch.Elapsed.TotalSeconds);
            return new BibleImportResult(translation.Id, BibleImportOutcome.Imported, count, stopwatch.Elapsed);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs mod2imp and converts its output to verse rows of the 66-book canon (other books are skipped).</summary>
    private async Task<List<BibleVerse>> ReadModuleAsync(SwordTranslation translation, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(FindTool("mod2imp")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(translation.Module);
        start.Environment["SWORD_PATH"] = SwordPath;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("mod2imp did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var verses = new List<BibleVerse>(32_000);
        var pendingHeadings = new List<string>();
        string? key = null;
        var entry = new System.Text.StringBuilder();

        void Complete()
        {
            if (key is null || !TryParseKey(key, out var book, out var chapter, out var verse))
            {
                return;
            }

            var converted = OsisText.Convert(entry.ToString());
            if (verse == 0)
            {
                // Chapter headings (verse 0) go before the chapter's first verse; book introductions (chapter 0) are skipped.
                if (chapter > 0)
                {
                    pendingHeadings.AddRange(converted.Headings);
                }

                return;
            }

            pendingHeadings.AddRange(converted.Headings);
            if (converted.Text.Length == 0)
            {
                return; // a verse this translation does not have (e.g. moved to a footnote): its headings wait for the next one
            }

            verses.Add(new BibleVerse
            {
                TranslationId = translation.Id,
                Book = book,
                Chapter = chapter,
                Verse = verse,
                Text = converted.Text,
                Markup = converted.HasStyles ? VerseMarkup.Serialize(converted.Runs) : null,
                Headings = pendingHeadings.Count > 0 ? string.Join('\n', pendingHeadings) : null,
                Paragraph = converted.Paragraph,
            });
            pendingHeadings.Clear();
        }

        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("$$$", StringComparison.Ordinal))
            {
                Complete();
                key = line[3..];
                entry.Clear();
            }
            else
            {
                if (entry.Length > 0)
                {
                    entry.Append(' ');
                }

                entry.Append(line);
            }
        }

        Complete();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || verses.Count == 0)
        {
            throw new InvalidOperationException($"mod2imp {translation.Module} failed (exit {process.ExitCode}): {(await errors).Trim()}");
        }

        return verses;
    }

    private static bool TryParseKey(string key, out int book, out int chapter, out int verse)
    {
        book = chapter = verse = 0;
        var space = key.LastIndexOf(' ');
        var colon = key.LastIndexOf(':');
        if (space <= 0 || colon < space
            || !SwordTranslations.OsisBySwordName.TryGetValue(key[..space], out var osis)
            || !int.TryParse(key.AsSpan(space + 1, colon - space - 1), out chapter)
            || !int.TryParse(key.AsSpan(colon + 1), out verse))
        {
            return false;
        }

        book = BibleBooks.Get(osis).Number;
        return true;
    }

    private async Task<int> WriteAsync(SwordTranslation translation, string? version, List<BibleVerse> verses, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BibleTranslations.Where(t => t.Id == translation.Id).ExecuteDeleteAsync(cancellationToken);
        await db.BibleVerses.Where(v => v.TranslationId == translation.Id).ExecuteDeleteAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyPostgresAsync(npgsql, verses, cancellationToken);
            await using var update = npgsql.CreateCommand();
            update.Transaction = (NpgsqlTransaction)dbTransaction;
            update.CommandTimeout = 300;
            update.CommandText = $"""UPDATE "BibleVerses" SET "Search" = to_tsvector('{BibleSearch.PostgresConfig(translation.Language)}'::regconfig, "Text") WHERE "TranslationId" = @t""";
            update.Parameters.AddWithValue("t", translation.Id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            await InsertPreparedAsync(connection, dbTransaction, verses, cancellationToken);
        }

        db.BibleTranslations.Add(new BibleTranslation
        {
            Id = translation.Id,
            Name = translation.Name,
            Abbreviation = translation.Abbreviation,
            Language = translation.Language,
            Module = translation.Module,
            ModuleVersion = version,
            VerseCount = verses.Count,
            ImportedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return verses.Count;
    }

    private static async Task CopyPostgresAsync(NpgsqlConnection connection, List<BibleVerse> verses, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "BibleVerses" ("TranslationId", "Book", "Chapter", "Verse", "Text", "Markup", "Headings", "Paragraph") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var v in verses)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(v.TranslationId, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(v.Book, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(v.Chapter, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(v.Verse, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(v.Text, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, v.Markup, cancellationToken);
            await WriteNullableAsync(writer, v.Headings, cancellationToken);
            await writer.WriteAsync(v.Paragraph, NpgsqlDbType.Boolean, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);

    private static async Task InsertPreparedAsync(DbConnection connection, DbTransaction transaction, List<BibleVerse> verses, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "BibleVerses" ("TranslationId", "Book", "Chapter", "Verse", "Text", "Markup", "Headings", "Paragraph")
            VALUES ($t, $b, $c, $v, $x, $m, $h, $p)
            """;
        var parameters = new[] { "$t", "$b", "$c", "$v", "$x", "$m", "$h", "$p" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);
        foreach (var v in verses)
        {
            parameters[0].Value = v.TranslationId;
            parameters[1].Value = v.Book;
            parameters[2].Value = v.Chapter;
            parameters[3].Value = v.Verse;
            parameters[4].Value = v.Text;
            parameters[5].Value = (object?)v.Markup ?? DBNull.Value;
            parameters[6].Value = (object?)v.Headings ?? DBNull.Value;
            parameters[7].Value = v.Paragraph;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private string? ModuleConf(SwordTranslation translation)
    {
        var folder = Path.Combine(SwordPath, "mods.d");
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return Directory.EnumerateFiles(folder, "*.conf")
            .FirstOrDefault(f => string.Equals(Path.GetFileNameWithoutExtension(f), translation.Module, StringComparison.OrdinalIgnoreCase));
    }

    private string? ModuleVersion(SwordTranslation translation) =>
        ModuleConf(translation) is { } conf
            ? File.ReadLines(conf).Where(l => l.StartsWith("Version=", StringComparison.Ordinal)).Select(l => l[8..].Trim()).FirstOrDefault()
            : null;

    private static string? FindTool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
