using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Storage;
using Selah.Tests.Testing;

namespace Selah.Tests.Infrastructure.Storage;

/// <summary>Signed local URLs, verified by a real nginx <c>secure_link</c> configured as docs/OPERATIONS.md says.</summary>
public sealed class SignedLocalUrlTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("selah-signed-").FullName;
    private readonly TestClock _clock = new();
    private readonly HttpClient _browser = new();
    private NginxMediaServer _nginx = null!;
    private LocalFileStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _nginx = await NginxMediaServer.StartAsync(Path.Combine(_dataDirectory, "media"));
        _storage = new LocalFileStorage(
            Options.Create(new SelahOptions { DataDirectory = _dataDirectory }),
            Options.Create(new StorageOptions { Local = new LocalStorageOptions { SignedUrlBase = "/media/", SignedUrlSecret = NginxMediaServer.Secret } }),
            _clock);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _nginx.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<Uri> SignedAsync(string key, TimeSpan lifetime) =>
        new(_nginx.BaseUrl, (await _storage.GetDownloadUrlAsync(key, lifetime, "audio/mp4", default))!);

    [Fact]
    public async Task Nginx_serves_the_exact_bytes_and_ranges_of_a_signed_url()
    {
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        await _storage.SaveAsync("tracks/a1/audio.m4a", new MemoryStream(bytes), default);
        var url = await SignedAsync("tracks/a1/audio.m4a", TimeSpan.FromMinutes(15));

        Assert.Equal(bytes, await _browser.GetByteArrayAsync(url));
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(1000, 70_999) } };
        using var ranged = await _browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal("audio/mp4", ranged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.AsSpan(1000, 70_000).ToArray(), await ranged.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_tampered_signature_or_another_path_is_refused_and_an_expired_url_is_gone()
    {
        await _storage.SaveAsync("tracks/b2/audio.m4a", new MemoryStream([1, 2, 3]), default);
        await _storage.SaveAsync("tracks/b2/original.mp3", new MemoryStream([4, 5, 6]), default);
        var url = await SignedAsync("tracks/b2/audio.m4a", TimeSpan.FromMinutes(15));

        var forged = new UriBuilder(url) { Path = "/media/tracks/b2/original.mp3" }.Uri; // same signature, other file
        Assert.Equal(HttpStatusCode.Forbidden, (await _browser.GetAsync(forged)).StatusCode);
        var tampered = new Uri(url.ToString().Replace("md5=", "md5=A", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await _browser.GetAsync(tampered)).StatusCode);
        var later = new Uri(url.ToString().Replace("expires=", "expires=9", StringComparison.Ordinal)); // stretched lifetime
        Assert.Equal(HttpStatusCode.Forbidden, (await _browser.GetAsync(later)).StatusCode);

        _clock.Advance(TimeSpan.FromHours(-1)); // signed an hour ago for ten minutes
        var expired = await SignedAsync("tracks/b2/audio.m4a", TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Gone, (await _browser.GetAsync(expired)).StatusCode);
    }
}
