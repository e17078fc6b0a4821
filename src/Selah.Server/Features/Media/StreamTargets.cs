using System.ComponentModel;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;

namespace Selah.Server.Features.Media;

/// <summary>What delivery needs to know about a track: who may stream it and where its files are.</summary>
[ImmutableObject(true)] // HybridCache hands out the same instance instead of a defensive copy
public sealed record StreamTarget(
    Guid Id, bool Published, TrackStatus Status, string? Error, Guid? UploadedById, Guid? ArtistOwnerId,
    string? OpusKey, string? AacKey, string? OriginalKey, string? OriginalFormat, string? HlsPrefix, string? WaveformKey,
    double? DurationSeconds)
{
    public bool CanView(ClaimsPrincipal user) => CatalogAccess.CanViewTrack(Published, Status, UploadedById, ArtistOwnerId, user);

    public bool CanStream(ClaimsPrincipal user) => CatalogAccess.CanStreamTrack(Published, Status, UploadedById, ArtistOwnerId, user);
}

[ImmutableObject(true)]
public sealed record StreamFile(StoredObject? Info);

/// <summary>
/// The per-request lookups of audio delivery (the track row and a storage stat — an S3 HEAD when on object storage),
/// cached in-process. A player seeking through a track makes dozens of range requests; each used to pay for a query.
/// Entries carry the track's cache tag, so any save of the track (publish, unpublish, edit, processing finished,
/// delete) invalidates them at once on this node; other nodes see the change within <see cref="LocalLifetime"/>.
/// </summary>
public sealed class StreamTargets(HybridCache cache, IDbContextFactory<SelahDbContext> contexts, IFileStorage storage)
{
    public static readonly TimeSpan LocalLifetime = TimeSpan.FromSeconds(15);

    private static readonly HybridCacheEntryOptions Local = new()
    {
        Expiration = LocalLifetime,
        LocalCacheExpiration = LocalLifetime,
        // Local only: a Redis round trip per range request would cost what the query did.
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    public ValueTask<StreamTarget?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(
            $"stream:track:{id:N}",
            (contexts, id),
            static async (state, ct) =>
            {
                await using var db = await state.contexts.CreateDbContextAsync(ct);
                return await db.Tracks.AsNoTracking().Where(t => t.Id == state.id)
                    .Select(t => new StreamTarget(t.Id, t.Published, t.Status, t.Error, t.UploadedById, t.Artist.OwnerId,
                        t.OpusKey, t.AacKey, t.OriginalKey, t.OriginalFormat, t.HlsPrefix, t.WaveformKey, t.DurationSeconds))
                    .SingleOrDefaultAsync(ct);
            },
            Local,
            [Track.CacheTag(id), Artist.AnyArtistTag],
            cancellationToken);

    public async ValueTask<StoredObject?> GetFileAsync(Guid trackId, string key, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(
            $"stream:file:{key}",
            (storage, key),
            static async (state, ct) => new StreamFile(await state.storage.GetInfoAsync(state.key, ct)),
            Local,
            [Track.CacheTag(trackId)],
            cancellationToken)).Info;
}
