using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Contracts.Accounts;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Media;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;

namespace Selah.Server.Features.Demo;

/// <summary>
/// Demo content (<c>Selah:Demo:Enabled</c>): the fictional ensembles and albums with generated covers, then each hymn
/// rendered locally (cached) and ingested through the media pipeline as the bootstrap admin, like an upload.
/// Start-up only checks the tools and starts the work in the background, so the server is serving within seconds;
/// hymns appear as they are processed. Idempotent: a hymn whose ISRC-like id is already in the catalogue is skipped.
/// </summary>
public sealed class DemoSeeder(
    IOptions<DemoOptions> demo,
    IDbContextFactory<SelahDbContext> contexts,
    IFileStorage storage,
    HymnRenderer renderer,
    TrackIngest ingest,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DemoSeeder> logger) : IStartupSeeder
{
    /// <summary>After roles and the bootstrap admin.</summary>
    public int Order => 100;

    /// <summary>The background seeding started by <see cref="SeedAsync"/> (completed when nothing was started).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!demo.Value.Enabled || !Completion.IsCompleted)
        {
            return Task.CompletedTask;
        }

        var missing = HymnRenderer.MissingTools();
        if (missing.Count > 0)
        {
            logger.LogWarning("Demo content skipped: missing {Missing}. Install them (apt-get install abcmidi fluidsynth fluid-soundfont-gm ffmpeg) and restart.",
                string.Join(", ", missing));
            return Task.CompletedTask;
        }

        Completion = Task.Run(() => SeedInBackgroundAsync(lifetime.ApplicationStopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task SeedInBackgroundAsync(CancellationToken cancellationToken)
    {
        try
        {
            var seeded = await SeedAllAsync(cancellationToken);
            logger.LogInformation("Demo content: {Count} hymn(s) added", seeded);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Demo content seeding stopped with the server; it resumes at the next start");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Demo content seeding failed");
        }
    }

    /// <returns>How many hymns were ingested.</returns>
    public Task<int> SeedAllAsync(CancellationToken cancellationToken) => SeedHymnsAsync(DemoHymns.All, cancellationToken);

    /// <summary>Artists and albums, then those of <paramref name="hymns"/> not yet in the catalogue.</summary>
    /// <returns>How many hymns were ingested.</returns>
    public async Task<int> SeedHymnsAsync(IReadOnlyList<DemoHymn> hymns, CancellationToken cancellationToken)
    {
        Guid uploader;
        HashSet<string> present;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var admin = await db.UserRoles
                .Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))
                .Select(ur => (Guid?)ur.UserId).FirstOrDefaultAsync(cancellationToken);
            if (admin is null)
            {
                logger.LogWarning("Demo content skipped: no administrator to own it. Set Selah:Admin:Email and Selah:Admin:Password.");
                return 0;
            }

            uploader = admin.Value;
            var isrcs = hymns.Select(h => h.Isrc).ToList();
            present = [.. await db.Tracks.Where(t => t.Isrc != null && isrcs.Contains(t.Isrc)).Select(t => t.Isrc!).ToListAsync(cancellationToken)];
            await EnsureArtistsAndAlbumsAsync(db, cancellationToken);
        }

        var added = 0;
        foreach (var hymn in hymns.Where(h => !present.Contains(h.Isrc)))
        {
            try
            {
                var file = await renderer.RenderAsync(hymn, cancellationToken);
                await IngestAsync(hymn, file, uploader, cancellationToken);
                added++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Demo hymn {Title} could not be added", hymn.Title);
            }
        }

        return added;
    }

    /// <summary>The one hand-over to the media pipeline: the rendered file goes in like an admin's upload, with full metadata.</summary>
    private async Task IngestAsync(DemoHymn hymn, string file, Guid uploader, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(file);
        await ingest.IngestAsync(content, CatalogSlugs.From(hymn.Title) + ".flac", MetadataFor(hymn), uploader, cancellationToken);
    }

    /// <summary>What the upload of <paramref name="hymn"/> says about it (title, placement, lyrics, LRC, scripture, tags).</summary>
    internal static TrackMetadataRequest MetadataFor(DemoHymn hymn) => new()
    {
        Title = hymn.Title,
        Artist = hymn.Artist,
        Album = hymn.Album,
        TrackNumber = hymn.TrackNumber,
        DiscNumber = 1,
        Year = hymn.Year,
        Genres = hymn.Genres,
        Moods = hymn.Moods,
        Themes = hymn.Themes,
        ScriptureReferences = hymn.Scripture,
        Credits = [hymn.Credits, $"Tune: {hymn.Tune}"],
        Lyrics = hymn.Lyrics,
        SyncedLyrics = hymn.ToLrc(),
        Isrc = hymn.Isrc,
        Published = true,
    };

    private async Task EnsureArtistsAndAlbumsAsync(SelahDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var wanted in DemoCatalog.Artists)
        {
            var slug = CatalogSlugs.From(wanted.Name);
            if (!await db.Artists.AnyAsync(a => a.Name == wanted.Name || a.Slug == slug, cancellationToken))
            {
                db.Artists.Add(new Artist { Name = wanted.Name, Slug = slug, Bio = wanted.Bio, CreatedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var wanted in DemoCatalog.Albums)
        {
            var artist = await db.Artists.SingleAsync(a => a.Name == wanted.Artist, cancellationToken);
            var album = await db.Albums.FirstOrDefaultAsync(a => a.ArtistId == artist.Id && a.Title == wanted.Title, cancellationToken);
            if (album is null)
            {
                album = new Album
                {
                    ArtistId = artist.Id,
                    Title = wanted.Title,
                    Slug = CatalogSlugs.From(wanted.Title, 200),
                    Type = wanted.Type,
                    Year = wanted.Year,
                    Published = true,
                    CreatedAt = now,
                };
                db.Albums.Add(album);
            }

            if (album.CoverKey is null)
            {
                var cover = DemoCoverArt.Render(wanted.Title, wanted.Artist, wanted.From, wanted.To);
                album.CoverKey = $"covers/albums/{album.Id:n}/{Convert.ToHexStringLower(SHA256.HashData(cover))[..16]}.webp";
                await storage.SaveAsync(album.CoverKey, new MemoryStream(cover), cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
