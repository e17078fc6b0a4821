using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using Selah.Contracts.Catalog;
using Selah.Contracts.Media;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Media;
using Selah.Server.Infrastructure.Storage;

namespace Selah.Server.Features.Media.Import;

/// <summary>
/// Runs one import (inside <see cref="ImportJob"/>): lists the archive or folder, then works through the files in batches —
/// read format, tags, duration and audio fingerprint in-process and in parallel (ffprobe only for files the reader cannot
/// parse), drop duplicates (same fingerprint, or same artist + album + title with durations within 2 s, against the
/// catalogue and the files before it), store originals, create tracks under artists/albums as an upload would, and commit
/// each batch with its report rows and totals in one transaction before queuing the tracks' processing jobs. A file whose
/// report row exists is skipped, so a run that was interrupted picks up where it stopped.
/// </summary>
public sealed class ImportRunner(
    IDbContextFactory<SelahDbContext> contexts,
    IFileStorage storage,
    MediaTools tools,
    ISchedulerFactory schedulers,
    IOptions<ImportOptions> importOptions,
    IOptions<MediaOptions> mediaOptions,
    IOptions<SelahOptions> selah,
    TimeProvider clock,
    ILogger<ImportRunner> logger)
{
    public const double DurationTolerance = 2.0;
    private const int MaxCoverFileBytes = 16 * 1024 * 1024;

    private sealed class Candidate
    {
        public required string Path { get; init; }
        /// <summary>The file to read: the source file (folder) or the extracted temp file (zip).</summary>
        public string? LocalFile { get; set; }
        public bool Temporary { get; init; }
        public string Directory { get; init; } = "";
        public ImportOutcome? Outcome { get; set; }
        public string? Reason { get; set; }
        public AudioFileInfo? Info { get; set; }
        public Guid? DuplicateOf { get; set; }
        public Guid TrackId { get; } = Guid.CreateVersion7();
        public string? OriginalKey { get; set; }
        public long Length { get; set; }
        public string? FileHash { get; set; }
    }

    private sealed class RunState
    {
        public required ImportBatch Batch { get; init; }
        public Dictionary<string, Guid> Hashes { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<(double Duration, Guid TrackId)>> TagIndex { get; } = new(StringComparer.Ordinal);
        public Dictionary<Guid, string> PathOfTrack { get; } = [];
        public HashSet<Guid> AlbumsWithCover { get; } = [];
        public Func<string, byte[]?> CoverFor { get; set; } = _ => null;
        public Dictionary<string, byte[]?> SideCovers { get; } = new(StringComparer.Ordinal);
    }

    private sealed class StopImportException(string message) : Exception(message);

    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        ImportBatch batch;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == importId, cancellationToken);
            if (found is null || found.Status is ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled)
            {
                return;
            }

            if (found.CancelRequested)
            {
                await FinishAsync(db, found, ImportStatus.Cancelled, null, cancellationToken);
                return;
            }

            found.Status = ImportStatus.Running;
            found.StartedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            batch = found;
        }

        try
        {
            var state = new RunState { Batch = batch };
            await LoadCatalogueAsync(state, cancellationToken);
            var cancelled = batch.Kind == ImportKind.Zip
                ? await RunZipAsync(state, cancellationToken)
                : await RunFolderAsync(state, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await db.ImportBatches.SingleAsync(b => b.Id == importId, cancellationToken);
            await FinishAsync(db, row, cancelled ? ImportStatus.Cancelled : ImportStatus.Completed, null, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutdown: the import stays running and resumes on the next start
        }
        catch (Exception e)
        {
            var message = e is StopImportException or ImportSourceException ? e.Message : "The import stopped because of an internal error.";
            if (e is not StopImportException and not ImportSourceException)
            {
                logger.LogError(e, "Import {ImportId} failed", importId);
            }

            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var row = await db.ImportBatches.SingleAsync(b => b.Id == importId, CancellationToken.None);
            await FinishAsync(db, row, ImportStatus.Failed, message, CancellationToken.None);
        }
    }

    private async Task FinishAsync(SelahDbContext db, ImportBatch batch, ImportStatus status, string? error, CancellationToken cancellationToken)
    {
        batch.Status = status;
        batch.Error = error is { Length: > 2000 } ? error[..2000] : error;
        batch.FinishedAt = clock.GetUtcNow();
        var archive = batch.ArchivePath;
        batch.ArchivePath = null;
        await db.SaveChangesAsync(cancellationToken);
        if (archive is not null)
        {
            File.Delete(archive); // the upload is only needed until the import ends
        }

        logger.LogInformation("Import {ImportId} {Status}: {Imported} imported, {Duplicates} duplicates, {Skipped} skipped, {Failed} failed",
            batch.Id, status, batch.Imported, batch.Duplicates, batch.Skipped, batch.Failed);
    }

    // ---------- catalogue ----------

    /// <summary>Fingerprints and tag keys of every track already in the catalogue; tracks without a fingerprint get one now.</summary>
    private async Task LoadCatalogueAsync(RunState state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var missing = await db.Tracks.AsNoTracking()
            .Where(t => t.OriginalKey != null && !db.TrackFingerprints.Any(f => f.TrackId == t.Id))
            .Select(t => new { t.Id, t.OriginalKey, t.ContentHash }).ToListAsync(cancellationToken);
        if (missing.Count > 0)
        {
            var computed = new System.Collections.Concurrent.ConcurrentBag<TrackFingerprint>();
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (t, ct) =>
            {
                if (await FingerprintStoredAsync(t.OriginalKey!, t.ContentHash, ct) is { } hash)
                {
                    computed.Add(new TrackFingerprint { TrackId = t.Id, AudioHash = hash });
                }
            });
            db.TrackFingerprints.AddRange(computed);
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var f in await db.TrackFingerprints.AsNoTracking().ToListAsync(cancellationToken))
        {
            state.Hashes.TryAdd(f.AudioHash, f.TrackId);
        }

        var rows = await db.Tracks.AsNoTracking()
            .Select(t => new { t.Id, Artist = t.Artist.Name, Album = t.Album == null ? null : t.Album.Title, t.Title, t.DurationSeconds })
            .ToListAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.DurationSeconds is not null))
        {
            AddTagKey(state, TagKey(row.Artist, row.Album, row.Title), row.DurationSeconds!.Value, row.Id);
        }

        foreach (var item in await db.ImportItems.AsNoTracking()
                     .Where(i => i.ImportId == state.Batch.Id && i.TrackId != null).Select(i => new { i.TrackId, i.Path }).ToListAsync(cancellationToken))
        {
            state.PathOfTrack[item.TrackId!.Value] = item.Path;
        }
    }

    private async Task<string?> FingerprintStoredAsync(string key, string? contentHash, CancellationToken cancellationToken)
    {
        var temp = TempFile("fp");
        try
        {
            await using (var source = await storage.OpenReadAsync(key, cancellationToken))
            {
                if (source is null)
                {
                    return null;
                }

                await using var target = File.Create(temp);
                await source.CopyToAsync(target, cancellationToken);
            }

            return AudioFileReader.Read(temp)?.AudioHash ?? (contentHash is null ? null : "file:" + contentHash);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void AddTagKey(RunState state, string key, double duration, Guid trackId)
    {
        if (!state.TagIndex.TryGetValue(key, out var list))
        {
            state.TagIndex[key] = list = [];
        }

        list.Add((duration, trackId));
    }

    /// <summary>artist|album|title, case- and accent-insensitive, punctuation and spacing ignored.</summary>
    public static string TagKey(string artist, string? album, string title) => $"{Normalise(artist)}|{Normalise(album ?? "")}|{Normalise(title)}";

    private static string Normalise(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    // ---------- sources ----------

    private async Task<bool> RunZipAsync(RunState state, CancellationToken cancellationToken)
    {
        var options = importOptions.Value;
        var path = state.Batch.ArchivePath;
        if (path is null || !File.Exists(path))
        {
            throw new ImportSourceException("The uploaded archive is no longer there.");
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new ImportSourceException("The file is not a valid zip archive.");
        }

        using (archive)
        {
            if (archive.Entries.Count > options.MaxEntries)
            {
                throw new ImportSourceException($"The archive has more than {options.MaxEntries} entries.");
            }

            var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/') && !e.FullName.EndsWith('\\')).ToList();
            var covers = entries.Where(e => ImportSafety.IsCoverFileName(e.FullName) && ImportSafety.UnsafeEntryReason(e) is null)
                .GroupBy(e => DirectoryOf(e.FullName)).ToDictionary(g => g.Key, g => g.First());
            var files = entries.Where(e => !covers.Values.Contains(e)).ToList();
            state.CoverFor = directory => covers.TryGetValue(directory, out var entry) ? ReadCoverEntry(entry) : null;
            await SetFoundAsync(state, files.Count, cancellationToken);
            var done = await DoneAsync(state.Batch.Id, cancellationToken);
            var entryCap = Math.Min(options.MaxEntryBytes, mediaOptions.Value.MaxUploadBytes);
            var pending = new List<Candidate>();
            long pendingBytes = 0;
            foreach (var entry in files)
            {
                var reportPath = ImportSafety.ReportPath(entry.FullName);
                if (!done.Add(reportPath))
                {
                    continue;
                }

                var candidate = new Candidate { Path = reportPath, Directory = DirectoryOf(entry.FullName), Temporary = true };
                pending.Add(candidate);
                if (ImportSafety.UnsafeEntryReason(entry) is { } unsafeReason)
                {
                    candidate.Outcome = ImportOutcome.Skipped;
                    candidate.Reason = unsafeReason;
                }
                else
                {
                    try
                    {
                        pendingBytes += await ExtractAsync(state, entry, candidate, entryCap, cancellationToken);
                    }
                    catch (StopImportException)
                    {
                        await ProcessBatchAsync(state, pending, cancellationToken); // report what was done, and the entry that stopped it
                        throw;
                    }
                }

                if (pending.Count >= options.BatchSize || pendingBytes > 512L * 1024 * 1024)
                {
                    if (await ProcessBatchAsync(state, pending, cancellationToken))
                    {
                        return true;
                    }

                    pending.Clear();
                    pendingBytes = 0;
                }
            }

            return await ProcessBatchAsync(state, pending, cancellationToken);
        }
    }

    /// <summary>Decompresses one entry to a temp file, counting real bytes against the entry, ratio and total caps.</summary>
    private async Task<long> ExtractAsync(RunState state, ZipArchiveEntry entry, Candidate candidate, long entryCap, CancellationToken cancellationToken)
    {
        var options = importOptions.Value;
        var temp = TempFile("entry");
        candidate.LocalFile = temp;
        long written = 0;
        string? problem = null;
        try
        {
            await using var input = entry.Open();
            await using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                state.Batch.BytesExtracted += read;
                if (state.Batch.BytesExtracted > options.MaxTotalUncompressedBytes)
                {
                    candidate.Outcome = ImportOutcome.Skipped;
                    candidate.Reason = "The archive expands beyond the total size limit; import stopped (possible zip bomb).";
                    throw new StopImportException($"The archive expands to more than {options.MaxTotalUncompressedBytes} bytes (the total size limit); import stopped as a possible zip bomb.");
                }

                if (written > entryCap)
                {
                    problem = $"Larger than the per-file limit of {entryCap / (1024 * 1024)} MB when decompressed.";
                    break;
                }

                if (written > 1024 * 1024 && written / Math.Max(1, entry.CompressedLength) > options.MaxCompressionRatio)
                {
                    problem = $"Compression ratio above {options.MaxCompressionRatio}:1 (possible zip bomb); not extracted.";
                    break;
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (InvalidDataException e)
        {
            problem = $"Damaged or unsupported archive entry ({e.Message.TrimEnd('.')}).";
        }
        catch (NotSupportedException)
        {
            problem = "Encrypted or unsupported compression method.";
        }

        if (problem is not null)
        {
            candidate.Outcome = ImportOutcome.Skipped;
            candidate.Reason = problem;
            File.Delete(temp);
            candidate.LocalFile = null;
        }

        return written;
    }

    private byte[]? ReadCoverEntry(ZipArchiveEntry entry)
    {
        try
        {
            using var input = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxCoverFileBytes || buffer.Length + read > 1024 * 1024 && (buffer.Length + read) / Math.Max(1, entry.CompressedLength) > importOptions.Value.MaxCompressionRatio)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            return null;
        }
    }

    private async Task<bool> RunFolderAsync(RunState state, CancellationToken cancellationToken)
    {
        var roots = ImportSafety.ResolveRoots(importOptions.Value.Roots);
        var root = state.Batch.Source;
        if (!Directory.Exists(root) || !ImportSafety.IsUnderRoots(ImportSafety.RealPath(root), roots))
        {
            throw new ImportSourceException("The folder no longer exists or is no longer under an allowed import root.");
        }

        var listing = new List<Candidate>();
        var covers = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(root);
        var enumeration = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = stack.Pop();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", enumeration))
            {
                var relative = Path.GetRelativePath(root, entry.FullName);
                var relativeDirectory = DirectoryOf(relative.Replace(Path.DirectorySeparatorChar, '/'));
                if (entry.LinkTarget is not null)
                {
                    string? real = null;
                    try
                    {
                        real = ImportSafety.RealPath(entry.FullName);
                    }
                    catch (IOException)
                    {
                    }

                    var candidate = new Candidate { Path = ImportSafety.ReportPath(relative), Directory = relativeDirectory };
                    if (real is null || !ImportSafety.IsUnderRoots(real, roots))
                    {
                        candidate.Outcome = ImportOutcome.Skipped;
                        candidate.Reason = "Symbolic link pointing outside the allowed import roots: not followed.";
                    }
                    else if (Directory.Exists(real))
                    {
                        candidate.Outcome = ImportOutcome.Skipped;
                        candidate.Reason = "Symbolic link to a folder: not followed.";
                    }
                    else if (!File.Exists(real))
                    {
                        candidate.Outcome = ImportOutcome.Skipped;
                        candidate.Reason = "Broken symbolic link.";
                    }
                    else
                    {
                        candidate.LocalFile = real;
                    }

                    listing.Add(candidate);
                }
                else if (entry is DirectoryInfo)
                {
                    stack.Push(entry.FullName);
                }
                else if (ImportSafety.IsCoverFileName(entry.Name))
                {
                    covers.TryAdd(relativeDirectory, entry.FullName);
                }
                else
                {
                    listing.Add(new Candidate { Path = ImportSafety.ReportPath(relative), Directory = relativeDirectory, LocalFile = entry.FullName });
                }
            }
        }

        listing.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        state.CoverFor = directory => covers.TryGetValue(directory, out var file) && new FileInfo(file).Length <= MaxCoverFileBytes ? File.ReadAllBytes(file) : null;
        await SetFoundAsync(state, listing.Count, cancellationToken);
        var done = await DoneAsync(state.Batch.Id, cancellationToken);
        var pending = new List<Candidate>();
        foreach (var candidate in listing.Where(c => !done.Contains(c.Path)))
        {
            pending.Add(candidate);
            if (pending.Count >= importOptions.Value.BatchSize)
            {
                if (await ProcessBatchAsync(state, pending, cancellationToken))
                {
                    return true;
                }

                pending.Clear();
            }
        }

        return await ProcessBatchAsync(state, pending, cancellationToken);
    }

    private async Task SetFoundAsync(RunState state, int found, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ImportBatches.Where(b => b.Id == state.Batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.FilesFound, found), cancellationToken);
        state.Batch.FilesFound = found;
    }

    private async Task<HashSet<string>> DoneAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.ImportItems.Where(i => i.ImportId == importId).Select(i => i.Path).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    // ---------- one batch ----------

    /// <summary>Analyses, de-duplicates, stores and commits one batch. Returns true when the import was cancelled meanwhile.</summary>
    private async Task<bool> ProcessBatchAsync(RunState state, List<Candidate> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return false;
        }

        try
        {
            await Parallel.ForEachAsync(batch.Where(c => c.Outcome is null), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (candidate, ct) => await AnalyseAsync(candidate, ct));

            foreach (var candidate in batch.Where(c => c.Outcome is null))
            {
                FindDuplicate(state, candidate);
            }

            var toImport = batch.Where(c => c.Outcome is null).ToList();
            await Parallel.ForEachAsync(toImport, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (candidate, ct) =>
            {
                candidate.OriginalKey = $"tracks/{candidate.TrackId:n}/original.{candidate.Info!.Format.Extension}";
                await using var file = new FileStream(candidate.LocalFile!, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
                candidate.Length = file.Length;
                using var hashing = new HashingStream(file);
                await storage.SaveAsync(candidate.OriginalKey, hashing, ct);
                candidate.FileHash = hashing.Hash();
            });

            var cancelled = await CommitAsync(state, batch, toImport, cancellationToken);
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
            foreach (var candidate in toImport)
            {
                var job = JobBuilder.Create<ProcessTrackJob>()
                    .WithIdentity(TrackJobs.KeyFor(candidate.TrackId))
                    .UsingJobData(ProcessTrackJob.TrackIdKey, candidate.TrackId.ToString())
                    .RequestRecovery()
                    .Build();
                var trigger = TriggerBuilder.Create()
                    .WithIdentity($"process-{candidate.TrackId:n}", "media")
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                    .Build();
                jobs[job] = [trigger];
            }

            if (jobs.Count > 0)
            {
                await scheduler.ScheduleJobs(jobs, ScheduleJobOptions.Replacing, cancellationToken); // one store transaction for the batch
            }

            return cancelled;
        }
        finally
        {
            foreach (var candidate in batch.Where(c => c.Temporary && c.LocalFile is not null))
            {
                File.Delete(candidate.LocalFile!);
            }
        }
    }

    private async Task AnalyseAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        var path = candidate.LocalFile!;
        try
        {
            var head = new byte[64];
            int headLength;
            await using (var file = File.OpenRead(path))
            {
                headLength = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            }

            if (headLength == 0)
            {
                Skip(candidate, "Empty file.");
                return;
            }

            if (headLength >= 4 && head.AsSpan().StartsWith("PK"u8) && head[2] is 3 or 5 or 7)
            {
                Skip(candidate, "Archive inside the archive: nested archives are not followed.");
                return;
            }

            candidate.Info = AudioFileReader.Read(path);
            if (candidate.Info is null && AudioFileReader.MayBeAudio(head.AsSpan(0, headLength)) && tools.Available)
            {
                candidate.Info = await ProbeFallbackAsync(path, head.AsSpan(0, headLength).ToArray(), cancellationToken);
            }

            if (candidate.Info is null)
            {
                Skip(candidate, "Not a supported audio format (MP3, FLAC, WAV, AAC/M4A, Ogg Vorbis, Opus), judged by content.");
            }
        }
        catch (IOException e)
        {
            candidate.Outcome = ImportOutcome.Failed;
            candidate.Reason = $"Could not be read: {e.Message}";
        }
        catch (UnauthorizedAccessException)
        {
            candidate.Outcome = ImportOutcome.Failed;
            candidate.Reason = "Could not be read: permission denied.";
        }
    }

    /// <summary>ffprobe for what the in-process reader does not parse (ADTS AAC, unusual MP3s, streamed FLAC…).</summary>
    private async Task<AudioFileInfo?> ProbeFallbackAsync(string path, byte[] head, CancellationToken cancellationToken)
    {
        ProbeResult? probe;
        try
        {
            probe = await tools.Ffprobe.ProbeAsync(path, cancellationToken);
        }
        catch (MediaToolException)
        {
            return null;
        }

        var format = AudioFormats.Identify(head, probe);
        if (format is null)
        {
            return null;
        }

        byte[]? picture = null;
        if (probe!.HasCoverArt)
        {
            var output = path + ".cover.jpg";
            try
            {
                await tools.Ffmpeg.ExtractCoverAsync(path, output, cancellationToken);
                picture = await File.ReadAllBytesAsync(output, cancellationToken);
            }
            catch (MediaToolException)
            {
            }
            finally
            {
                File.Delete(output);
            }
        }

        string hash;
        await using (var file = File.OpenRead(path))
        {
            hash = "file:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        }

        return new AudioFileInfo(format, probe.DurationSeconds!.Value, probe.Tags, hash, picture);
    }

    private static void Skip(Candidate candidate, string reason)
    {
        candidate.Outcome = ImportOutcome.Skipped;
        candidate.Reason = reason;
    }

    private static (string Artist, string? Album, string Title) Names(Candidate candidate)
    {
        var info = candidate.Info!;
        var artist = info.Tag("artist") ?? info.Tag("album_artist") ?? CatalogPlacement.UnknownArtist;
        var title = info.Tag("title") ?? (Path.GetFileNameWithoutExtension(candidate.Path) is { Length: > 0 } n ? n : "Untitled");
        return (artist, info.Tag("album"), TrackIngest.Limit(title, 200));
    }

    private static void FindDuplicate(RunState state, Candidate candidate)
    {
        var info = candidate.Info!;
        if (state.Hashes.TryGetValue(info.AudioHash, out var same))
        {
            candidate.Outcome = ImportOutcome.Duplicate;
            candidate.DuplicateOf = same;
            candidate.Reason = $"Same audio as {Describe(state, same)} (tags aside).";
            return;
        }

        var (artist, album, title) = Names(candidate);
        var key = TagKey(artist, album, title);
        if (state.TagIndex.TryGetValue(key, out var list) && list.FirstOrDefault(x => Math.Abs(x.Duration - info.DurationSeconds) <= DurationTolerance) is { TrackId: var match } && match != Guid.Empty)
        {
            candidate.Outcome = ImportOutcome.Duplicate;
            candidate.DuplicateOf = match;
            candidate.Reason = $"Same artist, album, title and duration (within {DurationTolerance:0} s) as {Describe(state, match)}.";
            return;
        }

        state.Hashes[info.AudioHash] = candidate.TrackId;
        AddTagKey(state, key, info.DurationSeconds, candidate.TrackId);
        state.PathOfTrack[candidate.TrackId] = candidate.Path;
    }

    private static string Describe(RunState state, Guid trackId) =>
        state.PathOfTrack.TryGetValue(trackId, out var path) ? $"'{path}' in this import" : $"track {trackId} in the catalogue";

    /// <summary>One transaction: artists/albums, tracks, fingerprints, report rows and totals. True when cancellation was asked for.</summary>
    private async Task<bool> CommitAsync(RunState state, List<Candidate> batch, List<Candidate> toImport, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ImportBatches.SingleAsync(b => b.Id == state.Batch.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var uploader = row.StartedById;
        var genres = toImport.Count > 0 ? await db.Genres.ToListAsync(cancellationToken) : [];
        var artists = new Dictionary<string, Artist>(StringComparer.Ordinal);
        var albums = new Dictionary<(Guid, string), Album?>();
        foreach (var candidate in toImport)
        {
            var info = candidate.Info!;
            var (artistName, albumTitle, title) = Names(candidate);
            var artistSlug = CatalogSlugs.From(artistName);
            if (!artists.TryGetValue(artistSlug, out var artist))
            {
                artists[artistSlug] = artist = await CatalogPlacement.ArtistAsync(db, uploader, artistName, now, cancellationToken);
            }

            var year = TrackIngest.ParseYear(info.Tag("date") ?? info.Tag("year"));
            var albumKey = (artist.Id, albumTitle is null ? "" : CatalogSlugs.From(albumTitle, 200));
            if (!albums.TryGetValue(albumKey, out var album))
            {
                albums[albumKey] = album = await CatalogPlacement.AlbumAsync(db, artist, albumTitle, year, now, cancellationToken);
            }

            var track = new Track
            {
                Id = candidate.TrackId,
                ArtistId = artist.Id,
                Artist = artist,
                AlbumId = album?.Id,
                Album = album,
                Title = title,
                TrackNumber = TrackIngest.ParseNumber(info.Tag("track"), 999),
                DiscNumber = TrackIngest.ParseNumber(info.Tag("disc"), 99),
                Year = year,
                DurationSeconds = info.DurationSeconds,
                PublishWhenReady = true,
                Status = TrackStatus.Processing,
                UploadedById = uploader,
                OriginalFormat = info.Format.Name,
                OriginalBytes = candidate.Length,
                OriginalKey = candidate.OriginalKey,
                ContentHash = candidate.FileHash,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (info.Tag("genre") is { } genre)
            {
                TrackMetadataRules.TryResolve(genres, genre.Split(';', '/', ','), g => g.Name, g => g.Slug, out var found, out _);
                track.Genres = found;
            }

            if (album is { CoverKey: null } && !state.AlbumsWithCover.Contains(album.Id) && (info.Picture ?? SideCover(state, candidate.Directory)) is { } picture)
            {
                state.AlbumsWithCover.Add(album.Id); // one attempt per album: the first track with a picture (embedded or folder.jpg) decides
                album.CoverKey = await StoreAlbumCoverAsync(album.Id, picture, cancellationToken);
            }

            db.Tracks.Add(track);
            db.TrackFingerprints.Add(new TrackFingerprint { TrackId = track.Id, AudioHash = info.AudioHash });
            candidate.Outcome = ImportOutcome.Imported;
        }

        foreach (var candidate in batch)
        {
            var outcome = candidate.Outcome ?? ImportOutcome.Failed;
            db.ImportItems.Add(new ImportItem
            {
                ImportId = row.Id,
                Path = candidate.Path,
                Outcome = outcome,
                Reason = candidate.Reason is { Length: > 500 } r ? r[..500] : candidate.Reason,
                TrackId = outcome == ImportOutcome.Imported ? candidate.TrackId : null,
                DuplicateOfTrackId = candidate.DuplicateOf,
            });
            switch (outcome)
            {
                case ImportOutcome.Imported: row.Imported++; break;
                case ImportOutcome.Duplicate: row.Duplicates++; break;
                case ImportOutcome.Skipped: row.Skipped++; break;
                default: row.Failed++; break;
            }
        }

        row.BytesExtracted = Math.Max(row.BytesExtracted, state.Batch.BytesExtracted);
        await db.SaveChangesAsync(cancellationToken);
        (state.Batch.Imported, state.Batch.Duplicates, state.Batch.Skipped, state.Batch.Failed) = (row.Imported, row.Duplicates, row.Skipped, row.Failed);
        return row.CancelRequested;
    }

    private static byte[]? SideCover(RunState state, string directory)
    {
        if (!state.SideCovers.TryGetValue(directory, out var picture))
        {
            state.SideCovers[directory] = picture = state.CoverFor(directory);
        }

        return picture;
    }

    private async Task<string?> StoreAlbumCoverAsync(Guid albumId, byte[]? picture, CancellationToken cancellationToken)
    {
        if (picture is null)
        {
            return null;
        }

        try
        {
            var cover = CoverImages.ToCover(picture);
            if (cover is null)
            {
                return null;
            }

            var key = $"covers/albums/{albumId:n}/{Convert.ToHexStringLower(SHA256.HashData(cover))[..16]}.webp";
            await storage.SaveAsync(key, new MemoryStream(cover), cancellationToken);
            return key;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Cover art for album {AlbumId} could not be read: {Error}", albumId, e.Message);
            return null;
        }
    }

    private int Parallelism => importOptions.Value.Parallelism > 0 ? importOptions.Value.Parallelism : Math.Max(2, Environment.ProcessorCount);

    private string TempFile(string prefix)
    {
        var directory = Path.Combine(selah.Value.FullDataDirectory, "tmp", "imports");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{prefix}-{Guid.NewGuid():n}");
    }

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>Hashes what passes through (the whole original, for <see cref="Track.ContentHash"/>) while storage reads it.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string Hash() => Convert.ToHexStringLower(_sha.GetHashAndReset());
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            _sha.AppendData(buffer, offset, read);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            _sha.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _sha.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>The archive or folder itself cannot be used: the import fails with this message.</summary>
public sealed class ImportSourceException(string message) : Exception(message);
