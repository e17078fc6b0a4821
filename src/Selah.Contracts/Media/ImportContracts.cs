using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Selah.Contracts.Media;

/// <summary>Where a bulk import stands: <c>queued → running → completed | failed | cancelled</c>.</summary>
public enum ImportStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>What was imported: an uploaded zip archive or a folder on the server.</summary>
public enum ImportKind
{
    [JsonStringEnumMemberName("zip")] Zip,
    [JsonStringEnumMemberName("folder")] Folder,
}

/// <summary>What happened to one file of an import.</summary>
public enum ImportOutcome
{
    [JsonStringEnumMemberName("imported")] Imported,
    [JsonStringEnumMemberName("duplicate")] Duplicate,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>Import a folder on the server (it must lie under one of the configured roots, <c>Selah:Import:Roots</c>).</summary>
public sealed record ImportFolderRequest(
    [property: Required(ErrorMessage = "Name the server folder to import."), MaxLength(4096)] string? Folder);

/// <summary>
/// Counts so far. <see cref="FilesFound"/> is known once the archive or folder has been listed (for a progress bar);
/// <see cref="FilesSeen"/> = imported + duplicates + skipped + failed.
/// </summary>
public sealed record ImportTotals(int FilesFound, int FilesSeen, int Imported, int Duplicates, int Skipped, int Failed);

/// <summary>One file that was not imported (or, in the full report, also one that was), with the reason.</summary>
public sealed record ImportItemResponse(Guid Id, string Path, ImportOutcome Outcome, string? Reason, Guid? TrackId, Guid? DuplicateOfTrackId);

/// <summary>An import in the list (no report).</summary>
public sealed record ImportSummary(
    Guid Id, ImportKind Kind, string Source, ImportStatus Status, ImportTotals Totals, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, Guid? StartedById);

/// <summary>
/// One import with its report: the first files that were skipped, failed or found to be duplicates, with reasons
/// (all of them, paged, at <c>/api/v1/admin/imports/{id}/items</c>).
/// </summary>
public sealed record ImportResponse(
    Guid Id, ImportKind Kind, string Source, ImportStatus Status, ImportTotals Totals, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, Guid? StartedById,
    IReadOnlyList<ImportItemResponse> Report, bool ReportTruncated);
