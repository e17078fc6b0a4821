using Selah.Contracts.Catalog;

namespace Selah.Client.Api;

/// <summary>What the player needs beyond the catalogue: stream URLs, waveform peaks, lyrics and play reports.</summary>
public sealed class PlayerApi(ApiTransport transport)
{
    /// <summary>The progressive stream of a track in <paramref name="format"/> (opus or aac).</summary>
    public static string StreamUrl(Guid trackId, string format) => $"/api/v1/tracks/{trackId}/stream?format={format}";

    public static string HlsUrl(Guid trackId) => $"/api/v1/tracks/{trackId}/hls/master.m3u8";

    public Task<WaveformResponse> WaveformAsync(Guid trackId, CancellationToken cancellationToken = default) =>
        transport.GetAsync<WaveformResponse>($"api/v1/tracks/{trackId}/waveform", cancellationToken);

    public Task<LyricsResponse> LyricsAsync(Guid trackId, CancellationToken cancellationToken = default) =>
        transport.GetAsync<LyricsResponse>($"api/v1/tracks/{trackId}/lyrics", cancellationToken);

    /// <summary>Reports a listening event; the server counts the play once 30 s have been listened.</summary>
    public Task<PlayEventResponse> ReportAsync(PlayEventRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlayEventResponse>(HttpMethod.Post, "api/v1/plays", request, cancellationToken);
}
