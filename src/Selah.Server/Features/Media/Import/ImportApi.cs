using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Quartz;
using Selah.Contracts.Admin;
using Selah.Contracts.Media;
using Selah.Server.Features.Accounts;
using Selah.Server.Infrastructure.Auditing;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Media.Import;

/// <summary>Keyset paging of imports or of one import's report.</summary>
public sealed record ImportListQuery(
    [property: Description("nextCursor from the previous page.")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>Filter and keyset paging of an import's report.</summary>
public sealed record ImportItemsQuery(
    [property: Description("Only files with this outcome: imported, duplicate, skipped or failed.")] string? Outcome,
    [property: Description("nextCursor from the previous page.")] string? Cursor,
    [property: Description("Page size, 1–500."), DefaultValue(100)] int? Limit);

/// <summary>Admin bulk import: a zip upload or a server folder becomes tracks (processing queued), with progress and a report.</summary>
public static class ImportApi
{
    public const int ReportPreview = 200;

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var maxArchive = app.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxArchiveBytes;
        var imports = app.MapGroup("/api/v1/admin/imports").WithTags("Administration")
            .RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        imports.MapPost("/zip", StartZipAsync).WithName("AdminImportZip")
            .WithSummary("Import a zip archive of audio files (multipart, part 'file'); runs in the background.")
            .DisableAntiforgery() // checked for cookie sessions by CookieAntiforgeryMiddleware
            .WithMetadata(new RequestSizeLimitAttribute(maxArchive + 1024 * 1024))
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        imports.MapPost("/folder", StartFolderAsync).WithName("AdminImportFolder")
            .WithSummary("Import a folder on the server (under an allowed root, Selah:Import:Roots); runs in the background.");
        imports.MapGet("/", ListAsync).WithName("AdminListImports").WithSummary("Imports, newest first.");
        imports.MapGet("/{id:guid}", GetAsync).WithName("AdminGetImport")
            .WithSummary("One import: status, totals and the first files that were not imported, with reasons.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapGet("/{id:guid}/items", ListItemsAsync).WithName("AdminListImportItems")
            .WithSummary("The full report of one import (every file, keyset paged).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapDelete("/{id:guid}", CancelAsync).WithName("AdminCancelImport")
            .WithSummary("Cancel a queued or running import; files already imported stay.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> StartZipAsync(
        HttpContext http, ClaimsPrincipal user, IDbContextFactory<SelahDbContext> contexts, AuditLog audit, ISchedulerFactory schedulers,
        IOptions<ImportOptions> options, IOptions<SelahOptions> selah, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Problems.Field("file", "Send multipart/form-data with the zip archive in part 'file'.");
        }

        var id = Guid.CreateVersion7();
        var directory = Path.Combine(selah.Value.FullDataDirectory, "imports");
        Directory.CreateDirectory(directory);
        var archivePath = Path.Combine(directory, $"{id:n}.zip");
        var keep = false;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                if (disposition?.Name.Value?.Trim('"') != "file")
                {
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    continue;
                }

                var fileName = disposition.FileName.Value?.Trim('"') ?? disposition.FileNameStar.Value ?? "upload.zip";
                var length = await CopyAsync(section.Body, archivePath, options.Value.MaxArchiveBytes, cancellationToken);
                if (length == 0)
                {
                    return Problems.Field("file", "The file is empty; choose a zip archive.");
                }

                var entries = ImportSafety.CountEntries(archivePath);
                if (entries is null)
                {
                    return Problems.Field("file", "The file is not a zip archive.");
                }

                if (entries == 0)
                {
                    return Problems.Field("file", "The zip archive has no entries.");
                }

                if (entries > options.Value.MaxEntries)
                {
                    return Problems.Field("file", $"The zip archive has {entries} entries; the limit is {options.Value.MaxEntries}.");
                }

                var batch = new ImportBatch
                {
                    Id = id,
                    Kind = ImportKind.Zip,
                    Source = ImportSafety.ReportPath(Path.GetFileName(fileName.Replace('\\', '/'))),
                    ArchivePath = archivePath,
                    StartedById = user.GetUserId(),
                    CreatedAt = clock.GetUtcNow(),
                };
                var response = await CreateAsync(batch, user, contexts, audit, schedulers, cancellationToken);
                keep = true;
                return TypedResults.Accepted($"/api/v1/admin/imports/{id}", response);
            }

            return Problems.Field("file", "Choose a zip archive to import (part 'file').");
        }
        finally
        {
            if (!keep)
            {
                File.Delete(archivePath);
            }
        }
    }

    private static async Task<long> CopyAsync(Stream body, string path, long max, CancellationToken cancellationToken)
    {
        var buffer = new byte[128 * 1024];
        long length = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
            if (length > max)
            {
                throw new ProblemException(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The archive is too large.",
                    $"The limit is {max / (1024 * 1024)} MB (Selah:Import:MaxArchiveBytes).");
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return length;
    }

    public static async Task<Results<Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> StartFolderAsync(
        ImportFolderRequest request, ClaimsPrincipal user, IDbContextFactory<SelahDbContext> contexts, AuditLog audit, ISchedulerFactory schedulers,
        IOptions<ImportOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var folder = request.Folder?.Trim();
        if (string.IsNullOrEmpty(folder))
        {
            return Problems.Field("folder", "Name the server folder to import.");
        }

        if (!Path.IsPathFullyQualified(folder))
        {
            return Problems.Field("folder", "The folder must be an absolute path.");
        }

        if (folder.Split('/', '\\').Any(segment => segment == ".."))
        {
            return Problems.Field("folder", "The folder must not contain '..'.");
        }

        var roots = ImportSafety.ResolveRoots(options.Value.Roots);
        if (roots.Count == 0)
        {
            return Problems.Field("folder", "Folder imports are not enabled on this server (no allowed roots in Selah:Import:Roots).");
        }

        string real;
        try
        {
            real = ImportSafety.RealPath(folder);
        }
        catch (IOException)
        {
            return Problems.Field("folder", "The folder cannot be resolved (too many symbolic links).");
        }

        if (!ImportSafety.IsUnderRoots(real, roots))
        {
            return Problems.Field("folder", $"The folder is not under an allowed import root ({string.Join(", ", roots)}).");
        }

        if (!Directory.Exists(real))
        {
            return Problems.Field("folder", "The folder does not exist.");
        }

        var batch = new ImportBatch
        {
            Kind = ImportKind.Folder,
            Source = real,
            StartedById = user.GetUserId(),
            CreatedAt = clock.GetUtcNow(),
        };
        var response = await CreateAsync(batch, user, contexts, audit, schedulers, cancellationToken);
        return TypedResults.Accepted($"/api/v1/admin/imports/{batch.Id}", response);
    }

    private static async Task<ImportResponse> CreateAsync(ImportBatch batch, ClaimsPrincipal user, IDbContextFactory<SelahDbContext> contexts,
        AuditLog audit, ISchedulerFactory schedulers, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ImportBatches.Add(batch);
        audit.Record(db, user.GetUserId(), "import.start", "import", batch.Id.ToString(), null,
            new { kind = batch.Kind.ToString().ToLowerInvariant(), source = batch.Source });
        await db.SaveChangesAsync(cancellationToken);
        await ImportJob.ScheduleAsync(schedulers, batch.Id, cancellationToken);
        return ToResponse(batch, [], false);
    }

    public static async Task<Results<Ok<Page<ImportSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] ImportListQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? 25;
        if (limit is < 1 or > 100)
        {
            return Problems.Field("limit", "Limit must be between 1 and 100.");
        }

        var batches = db.ImportBatches.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!Guid.TryParse(query.Cursor, out var after))
            {
                return Problems.Field("cursor", "The cursor is not valid.");
            }

            batches = batches.Where(b => b.Id.CompareTo(after) < 0);
        }

        // Ids are version-7 GUIDs: ordering by id is ordering by creation time, and the id is a stable keyset cursor.
        var page = await batches.OrderByDescending(b => b.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(limit).Select(ToSummary).ToList();
        return TypedResults.Ok(new Page<ImportSummary>(items, page.Count > limit ? items[^1].Id.ToString() : null));
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> GetAsync(Guid id, SelahDbContext db, CancellationToken cancellationToken)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return Problems.NotFound("The import");
        }

        var report = await db.ImportItems.AsNoTracking()
            .Where(i => i.ImportId == id && i.Outcome != ImportOutcome.Imported)
            .OrderBy(i => i.Id).Take(ReportPreview + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(batch, report.Take(ReportPreview).Select(ToItem).ToList(), report.Count > ReportPreview));
    }

    public static async Task<Results<Ok<Page<ImportItemResponse>>, ValidationProblem, ProblemHttpResult>> ListItemsAsync(
        Guid id, [AsParameters] ImportItemsQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? 100;
        if (limit is < 1 or > 500)
        {
            return Problems.Field("limit", "Limit must be between 1 and 500.");
        }

        if (!await db.ImportBatches.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return Problems.NotFound("The import");
        }

        var items = db.ImportItems.AsNoTracking().Where(i => i.ImportId == id);
        if (!string.IsNullOrEmpty(query.Outcome))
        {
            if (!Enum.TryParse<ImportOutcome>(query.Outcome, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome))
            {
                return Problems.Field("outcome", "Outcome must be imported, duplicate, skipped or failed.");
            }

            items = items.Where(i => i.Outcome == outcome);
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!Guid.TryParse(query.Cursor, out var after))
            {
                return Problems.Field("cursor", "The cursor is not valid.");
            }

            items = items.Where(i => i.Id.CompareTo(after) > 0);
        }

        var page = await items.OrderBy(i => i.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var result = page.Take(limit).Select(ToItem).ToList();
        return TypedResults.Ok(new Page<ImportItemResponse>(result, page.Count > limit ? result[^1].Id.ToString() : null));
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return Problems.NotFound("The import");
        }

        if (batch.Status is not (ImportStatus.Queued or ImportStatus.Running))
        {
            return Problems.Conflict("import-finished", "The import has already ended.", $"It is {batch.Status.ToString().ToLowerInvariant()}.");
        }

        batch.CancelRequested = true; // the job stops after its current batch of files and marks the import cancelled
        audit.Record(db, user.GetUserId(), "import.cancel", "import", id.ToString(), new { status = batch.Status.ToString().ToLowerInvariant() }, null);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(batch, [], false));
    }

    private static ImportTotals Totals(ImportBatch b) =>
        new(b.FilesFound, b.Imported + b.Duplicates + b.Skipped + b.Failed, b.Imported, b.Duplicates, b.Skipped, b.Failed);

    private static ImportSummary ToSummary(ImportBatch b) =>
        new(b.Id, b.Kind, b.Source, b.Status, Totals(b), b.Error, b.CreatedAt, b.StartedAt, b.FinishedAt, b.StartedById);

    private static ImportResponse ToResponse(ImportBatch b, IReadOnlyList<ImportItemResponse> report, bool truncated) =>
        new(b.Id, b.Kind, b.Source, b.Status, Totals(b), b.Error, b.CreatedAt, b.StartedAt, b.FinishedAt, b.StartedById, report, truncated);

    private static ImportItemResponse ToItem(ImportItem i) => new(i.Id, i.Path, i.Outcome, i.Reason, i.TrackId, i.DuplicateOfTrackId);
}
