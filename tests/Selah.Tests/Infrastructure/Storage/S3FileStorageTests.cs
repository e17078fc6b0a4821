using System.Net;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Storage;

namespace Selah.Tests.Infrastructure.Storage;

/// <summary>The storage contract against a real S3-compatible server (s3rver on loopback), plus presigned URLs.</summary>
public sealed class S3FileStorageTests(S3rverFixture s3) : FileStorageContractTests, IClassFixture<S3rverFixture>, IDisposable
{
    // 5 MiB parts (the S3 minimum): the 20 MiB contract object goes up as a five-part multipart upload.
    private readonly S3FileStorage _storage = s3.CreateStorage(partSizeMegabytes: 5);
    private readonly HttpClient _http = new();

    private protected override IFileStorage Storage => _storage;

    [Fact]
    public async Task Presigned_url_serves_the_object_with_the_requested_content_type()
    {
        var content = RandomBytes(70_000, seed: 10);
        var key = $"{Prefix}/tracks/t/aac.m4a";
        await Storage.SaveAsync(key, new MemoryStream(content), default);

        var url = await Storage.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(10), "audio/mp4", default);

        Assert.NotNull(url);
        Assert.StartsWith(s3.ServiceUrl.ToString(), url.ToString(), StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
        using var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Presigned_url_supports_range_requests()
    {
        var content = RandomBytes(50_000, seed: 11);
        var key = $"{Prefix}/tracks/t/opus.webm";
        await Storage.SaveAsync(key, new MemoryStream(content), default);
        var url = await Storage.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(10), null, default);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[100..200], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Expired_presigned_url_is_refused()
    {
        var key = $"{Prefix}/short-lived.mp3";
        await Storage.SaveAsync(key, new MemoryStream(RandomBytes(1000, seed: 12)), default);
        // Long enough to be fetched once on a loaded 2-core CI machine, short enough to wait out.
        var url = await Storage.GetDownloadUrlAsync(key, TimeSpan.FromSeconds(5), null, default);

        using (var fresh = await _http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // Wait on the condition (the URL stops working), bounded: a 5-second URL must be dead well within 20 seconds.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var response = await _http.GetAsync(url);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Public_base_url_hands_out_plain_cdn_urls()
    {
        using var cdn = new S3FileStorage(Options.Create(new StorageOptions
        {
            Provider = StorageProvider.S3,
            S3 = new S3StorageOptions { ServiceUrl = s3.ServiceUrl.ToString(), Bucket = S3rverFixture.Bucket, AccessKey = "S3RVER", SecretKey = "S3RVER", PublicBaseUrl = "https://cdn.example.org/media/" },
        }));

        var url = await cdn.GetDownloadUrlAsync($"{Prefix}/covers/a.jpg", TimeSpan.FromMinutes(5), null, default);

        Assert.Equal(new Uri($"https://cdn.example.org/media/{Prefix}/covers/a.jpg"), url);
    }

    [Fact]
    public async Task Objects_carry_a_content_type_from_their_key()
    {
        var key = $"{Prefix}/hls/master.m3u8";
        await Storage.SaveAsync(key, new MemoryStream("#EXTM3U\n"u8.ToArray()), default);
        var url = await Storage.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(1), null, default);

        using var response = await _http.GetAsync(url);

        Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose()
    {
        _storage.Dispose();
        _http.Dispose();
    }
}
