using System.ComponentModel.DataAnnotations;

namespace Selah.Server.Features.Media.Import;

/// <summary>
/// <c>Selah:Import:*</c>: which server folders admins may import from, and the zip-bomb limits. Sizes count bytes actually
/// decompressed, never what the archive's headers claim.
/// </summary>
public sealed class ImportOptions
{
    public const string Section = "Selah:Import";

    /// <summary>Absolute folders (and everything below them) that folder imports may read. Empty: folder imports are off.</summary>
    public string[] Roots { get; set; } = [];

    /// <summary>Largest zip upload.</summary>
    [Range(1024, 1L << 40)]
    public long MaxArchiveBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>Most entries in one archive (counted from the central directory before anything is read).</summary>
    [Range(1, 10_000_000)]
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Largest decompressed size of all entries together.</summary>
    [Range(1024, 1L << 42)]
    public long MaxTotalUncompressedBytes { get; set; } = 100L * 1024 * 1024 * 1024;

    /// <summary>Largest decompressed entry (also capped by <c>Selah:Media:MaxUploadBytes</c>).</summary>
    [Range(1024, 1L << 40)]
    public long MaxEntryBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Highest decompressed:compressed ratio of an entry once it passes 1 MiB. Recorded audio barely compresses (about 1.1:1
    /// for MP3/FLAC/AAC, a few to one for quiet WAV); only long stretches of digital silence or a bomb go higher.
    /// </summary>
    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>How many files are read and hashed at once (0: one per processor core).</summary>
    [Range(0, 64)]
    public int Parallelism { get; set; }

    /// <summary>Files committed per database transaction.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 250;
}
