using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.Forms;
using Selah.Contracts.Admin;
using Selah.Contracts.Media;

namespace Selah.Client.Api;

/// <summary>Admin bulk import (<c>/api/v1/admin/imports</c>, role admin): start from a zip or a server folder, follow progress, read the report.</summary>
public sealed class ImportApi(ApiTransport transport)
{
    private const string Base = "api/v1/admin/imports";

    /// <summary>The browser sends the archive in one request; larger libraries are better copied to the server and imported as a folder.</summary>
    public const long MaxBrowserZipBytes = 2L * 1024 * 1024 * 1024;

    public async Task<ImportResponse> StartZipAsync(IBrowserFile file, CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent();
        var stream = new StreamContent(file.OpenReadStream(MaxBrowserZipBytes, cancellationToken), 256 * 1024);
        stream.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(stream, "file", file.Name);
        return await transport.SendContentAsync<ImportResponse>(HttpMethod.Post, $"{Base}/zip", content, cancellationToken);
    }

    public Task<ImportResponse> StartFolderAsync(string folder, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<ImportResponse>(HttpMethod.Post, $"{Base}/folder", new ImportFolderRequest(folder), cancellationToken);

    public Task<ImportResponse> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<ImportResponse>($"{Base}/{id}", cancellationToken);

    public Task<Page<ImportSummary>> ListAsync(string? cursor, CancellationToken cancellationToken = default) =>
        transport.GetAsync<Page<ImportSummary>>($"{Base}?limit=20{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}", cancellationToken);

    public Task<ImportResponse> CancelAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<ImportResponse>(HttpMethod.Delete, $"{Base}/{id}", null, cancellationToken);
}
