using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.JSInterop;
using Selah.Contracts.Accounts;
using Selah.Contracts.Catalog;

namespace Selah.Client.Api;

/// <summary>What the studio's catalogue table shows: text search and a processing status, for all tracks (admins) or the caller's own.</summary>
public sealed record StudioTrackQuery(string? Search, TrackStatus? Status, bool OnlyMine)
{
    public bool IsUnfiltered => string.IsNullOrWhiteSpace(Search) && Status is null;
}

/// <summary>The answer to one upload: the new track, or why it was refused.</summary>
public sealed record UploadOutcome(TrackUploadResponse? Track, ApiProblem? Problem);

/// <summary>
/// The artist/admin studio: upload (through the <c>js/studio.js</c> module, for progress), catalogue management
/// (list, edit, cover, publish, delete) and processing retries.
/// </summary>
public sealed class StudioApi(ApiTransport transport, HttpClient http)
{
    private const string Tracks = "api/v1/tracks";
    public const int PageSize = 25;

    public Task<CatalogPage<TrackResponse>> ListAsync(StudioTrackQuery query, string? cursor, CancellationToken cancellationToken = default)
    {
        var parameters = new List<string> { $"limit={PageSize.ToString(CultureInfo.InvariantCulture)}", "sort=newest" };
        if (query.OnlyMine)
        {
            parameters.Add("mine=true");
        }

        Add(parameters, "q", query.Search);
        Add(parameters, "status", query.Status?.ToString().ToLowerInvariant());
        Add(parameters, "cursor", cursor);
        return transport.GetAsync<CatalogPage<TrackResponse>>($"{Tracks}?{string.Join('&', parameters)}", cancellationToken);
    }

    public Task<TrackResponse> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<TrackResponse>($"{Tracks}/{id}", cancellationToken);

    public Task<LyricsResponse> LyricsAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<LyricsResponse>($"{Tracks}/{id}/lyrics", cancellationToken);

    public Task<TrackResponse> UpdateAsync(Guid id, TrackMetadataRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<TrackResponse>(HttpMethod.Patch, $"{Tracks}/{id}", request, cancellationToken);

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"{Tracks}/{id}", null, cancellationToken);

    public Task<TrackUploadResponse> RetryAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<TrackUploadResponse>(HttpMethod.Post, $"{Tracks}/{id}/retry", null, cancellationToken);

    /// <summary>Replaces the cover (PNG, JPEG, WebP or GIF up to 10 MB; the server converts it to WebP).</summary>
    public Task<TrackResponse> ReplaceCoverAsync(Guid id, Stream image, string fileName, string contentType, CancellationToken cancellationToken = default)
    {
        var file = new StreamContent(image);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        var content = new MultipartFormDataContent { { file, "file", fileName } };
        return transport.SendContentAsync<TrackResponse>(HttpMethod.Put, $"{Tracks}/{id}/cover", content, cancellationToken);
    }

    public Task<IReadOnlyList<TagResponse>> GenresAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<TagResponse>>("api/v1/genres", cancellationToken);

    public Task<IReadOnlyList<TagResponse>> MoodsAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<TagResponse>>("api/v1/moods", cancellationToken);

    /// <summary>The stream URL without a format; <c>js/studio.js</c> picks the format the browser can play.</summary>
    public static string StreamUrl(Guid id) => $"/{Tracks}/{id}/stream";

    /// <summary>
    /// Uploads a file the <c>js/studio.js</c> module holds, reporting progress to <paramref name="progress"/>
    /// (its <c>Progress(id, sent, total)</c>). A rejected antiforgery token is renewed and the upload sent once more.
    /// </summary>
    public async Task<UploadOutcome> UploadAsync(IJSObjectReference module, string fileId, TrackMetadataRequest? metadata, object progress,
        CancellationToken cancellationToken = default)
    {
        var json = metadata is null ? null : JsonSerializer.Serialize(metadata, ApiJson.Options);
        for (var attempt = 0; ; attempt++)
        {
            AntiforgeryTokenResponse token;
            try
            {
                token = await transport.GetAsync<AntiforgeryTokenResponse>("api/v1/auth/antiforgery", cancellationToken);
            }
            catch (ApiProblemException ex)
            {
                return new UploadOutcome(null, ex.Problem);
            }

            var headerName = string.IsNullOrEmpty(token.HeaderName) ? "X-XSRF-TOKEN" : token.HeaderName;
            var url = new Uri(http.BaseAddress!, Tracks).ToString();
            var result = await module.InvokeAsync<XhrResult>("upload", cancellationToken, fileId, url, json, headerName, token.Token, progress);
            if (result.Status == 0)
            {
                return new UploadOutcome(null, result.Missing
                    ? new ApiProblem(0, "The file is no longer available.", "Choose it again.")
                    : new ApiProblem(0, "The upload was interrupted.", "Check your connection and try again."));
            }

            if (result.Status is >= 200 and < 300)
            {
                try
                {
                    return new UploadOutcome(JsonSerializer.Deserialize<TrackUploadResponse>(result.Body ?? "", ApiJson.Options), null);
                }
                catch (JsonException)
                {
                    return new UploadOutcome(null, new ApiProblem(result.Status, "The server sent an answer this page could not read."));
                }
            }

            var problem = await ReadProblemAsync(result, cancellationToken);
            if (problem.Is("antiforgery") && attempt == 0)
            {
                continue;
            }

            return new UploadOutcome(null, Explain(problem));
        }
    }

    /// <summary>Plain words for the statuses an upload meets most, keeping the server's own text when it sent some.</summary>
    private static ApiProblem Explain(ApiProblem problem) => problem.Status switch
    {
        (int)HttpStatusCode.RequestEntityTooLarge when problem.Type is null =>
            problem with { Title = "The file is too large to upload.", Detail = problem.Detail ?? "Files up to the server's size limit (500 MB by default) are accepted." },
        (int)HttpStatusCode.UnsupportedMediaType when problem.Type is null =>
            problem with { Title = "This is not a supported audio file.", Detail = problem.Detail ?? "Upload MP3, FLAC, WAV, AAC/M4A, Ogg Vorbis or Opus." },
        _ => problem,
    };

    private static async Task<ApiProblem> ReadProblemAsync(XhrResult result, CancellationToken cancellationToken)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)result.Status)
        {
            Content = new StringContent(result.Body ?? "", Encoding.UTF8),
        };
        if (int.TryParse(result.RetryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return await ProblemReader.ReadAsync(response, cancellationToken);
    }

    private static void Add(List<string> parameters, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parameters.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }

    private sealed record XhrResult(int Status, string? Body, string? ContentType, string? RetryAfter, bool Missing);
}
