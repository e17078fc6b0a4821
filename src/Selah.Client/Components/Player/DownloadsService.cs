using System.Text.Json;
using Microsoft.JSInterop;
using Selah.Client.Api;
using Selah.Contracts.Catalog;

namespace Selah.Client.Components.Player;

/// <summary>One downloaded track and the bytes it takes.</summary>
public sealed record DownloadedTrack(TrackResponse Track, long Bytes, DateTimeOffset DownloadedAt);

/// <summary>
/// Offline downloads through <c>js/downloads.js</c>: the rendition this browser plays (plus cover art) goes into Cache
/// Storage, where the service worker answers from it, so downloaded music plays with the network off.
/// </summary>
public sealed class DownloadsService(IJSRuntime js, PlayerService player)
{
    private IJSObjectReference? _module;

    public event Action? Changed;

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/downloads.js");

    public async Task<bool> SupportedAsync() => await (await ModuleAsync()).InvokeAsync<bool>("supported");

    public async Task<HashSet<Guid>> IdsAsync()
    {
        var ids = await (await ModuleAsync()).InvokeAsync<string[]>("ids");
        return [.. ids.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)];
    }

    /// <summary>Downloads the playable tracks not downloaded yet; reports progress (done, total). Returns bytes stored.</summary>
    public async Task<long> DownloadAsync(IReadOnlyList<TrackResponse> tracks, Action<int, int>? progress = null)
    {
        await player.InitializeAsync();
        var module = await ModuleAsync();
        var have = await IdsAsync();
        var missing = tracks.Where(PlayerService.IsPlayable).Where(t => !have.Contains(t.Id)).DistinctBy(t => t.Id).ToList();
        long bytes = 0;
        for (var i = 0; i < missing.Count; i++)
        {
            var track = missing[i];
            var source = player.SourceFor(track);
            if (source is null || source.EndsWith(".m3u8", StringComparison.Ordinal))
            {
                continue; // HLS is many files; downloads keep to the progressive renditions
            }

            List<string> urls = [source];
            if ((track.CoverUrl ?? track.Album?.CoverUrl) is { } cover)
            {
                urls.Add(cover);
            }

            // The file comes from /download (the server's download rule) and is kept under the stream URL the player uses.
            var file = source.Replace("/stream?", "/download?", StringComparison.Ordinal);
            bytes += await module.InvokeAsync<long>("download", track.Id.ToString(), JsonSerializer.Serialize(track, ApiJson.Options), urls, file);
            progress?.Invoke(i + 1, missing.Count);
        }

        Changed?.Invoke();
        return bytes;
    }

    public async Task RemoveAsync(Guid trackId)
    {
        await (await ModuleAsync()).InvokeVoidAsync("remove", trackId.ToString());
        Changed?.Invoke();
    }

    private sealed record Entry(string Id, string Track, long Bytes, DateTimeOffset DownloadedAt);

    public async Task<IReadOnlyList<DownloadedTrack>> ListAsync()
    {
        var entries = await (await ModuleAsync()).InvokeAsync<Entry[]>("list");
        var result = new List<DownloadedTrack>();
        foreach (var entry in entries)
        {
            try
            {
                if (JsonSerializer.Deserialize<TrackResponse>(entry.Track, ApiJson.Options) is { } track)
                {
                    result.Add(new DownloadedTrack(track, entry.Bytes, entry.DownloadedAt));
                }
            }
            catch (JsonException)
            {
                // an entry from an older version: skip it
            }
        }

        return result;
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024 * 1024):0.0} GB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MB",
        >= 1024 => $"{bytes / 1024.0:0} KB",
        _ => $"{bytes} B",
    };
}
