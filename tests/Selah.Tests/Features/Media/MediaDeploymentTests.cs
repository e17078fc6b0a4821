using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Selah.Contracts.Catalog;
using Selah.Tests.Infrastructure.Storage;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Media;

/// <summary>The media pipeline in the deployments that differ from the default: on S3 storage, local files sent by nginx, and without ffmpeg.</summary>
public sealed class MediaDeploymentTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task On_s3_streams_and_segments_redirect_to_presigned_urls_while_playlists_are_served_by_the_api()
    {
        await using var factory = new SettingsFactory(new Dictionary<string, string?>
        {
            ["Selah:Storage:Provider"] = "S3",
            ["Selah:Storage:S3:ServiceUrl"] = s3.ServiceUrl.ToString(),
            ["Selah:Storage:S3:Bucket"] = S3rverFixture.Bucket,
            ["Selah:Storage:S3:AccessKey"] = S3rverFixture.AccessKey,
            ["Selah:Storage:S3:SecretKey"] = S3rverFixture.SecretKey,
        });
        using var admin = await factory.CreateAdminClientAsync();
        var audio = await MediaSteps.MakeAudioAsync("mp3", 8, new Dictionary<string, string> { ["title"] = "Cloud of Witnesses" });
        var upload = await admin.UploadAcceptedAsync(audio, "witnesses.mp3");
        var track = await admin.WaitForProcessingAsync(upload.Id);
        Assert.True(track.Status == TrackStatus.Ready, track.Error);

        var token = admin.DefaultRequestHeaders.Authorization!;
        using var api = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = token;
        using var outside = new HttpClient(); // the browser/CDN side: talks to the object store directly

        // The original: a redirect to a signed, expiring URL on the store that serves the exact bytes.
        using var original = await api.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=original");
        Assert.Equal(HttpStatusCode.Redirect, original.StatusCode);
        var location = original.Headers.Location!;
        Assert.StartsWith(s3.ServiceUrl.ToString(), location.ToString(), StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", location.Query, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Expires=", location.Query, StringComparison.Ordinal);
        Assert.Equal(audio, await outside.GetByteArrayAsync(location));

        // A rendition: the redirect target honours ranges too.
        using var aac = await api.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=aac");
        Assert.Equal(HttpStatusCode.Redirect, aac.StatusCode);
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, aac.Headers.Location);
        rangeRequest.Headers.Range = new RangeHeaderValue(10, 109);
        using var ranged = await outside.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(100, (await ranged.Content.ReadAsByteArrayAsync()).Length);

        // HLS: playlists come from the API (their relative segment URIs must resolve against the API), segments redirect.
        using var master = await api.GetAsync($"/api/v1/tracks/{upload.Id}/hls/master.m3u8");
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType?.MediaType);
        var variant = (await master.Content.ReadAsStringAsync()).Split('\n').First(l => l.EndsWith(".m3u8", StringComparison.Ordinal));
        using var media = await api.GetAsync($"/api/v1/tracks/{upload.Id}/hls/{variant}");
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        var segment = (await media.Content.ReadAsStringAsync()).Split('\n').First(l => l.EndsWith(".m4s", StringComparison.Ordinal));
        using var segmentResponse = await api.GetAsync($"/api/v1/tracks/{upload.Id}/hls/{variant.Split('/')[0]}/{segment}");
        Assert.Equal(HttpStatusCode.Redirect, segmentResponse.StatusCode);
        Assert.NotEmpty(await outside.GetByteArrayAsync(segmentResponse.Headers.Location));

        // Visibility is still decided by the API before any URL is signed.
        var hidden = await admin.PatchJsonAsync($"/api/v1/tracks/{upload.Id}", new { published = false });
        await hidden.ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var refused = await anonymous.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=original");
        await refused.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Behind_nginx_local_streams_redirect_to_signed_urls_that_nginx_serves()
    {
        await using var factory = new SettingsFactory(new Dictionary<string, string?>
        {
            ["Selah:Storage:Local:SignedUrlBase"] = "/media/",
            ["Selah:Storage:Local:SignedUrlSecret"] = NginxMediaServer.Secret,
        });
        await using var nginx = await NginxMediaServer.StartAsync(Path.Combine(factory.DataDirectory, "media"));
        using var admin = await factory.CreateAdminClientAsync();
        var audio = await MediaSteps.MakeAudioAsync("mp3", 8, new Dictionary<string, string> { ["title"] = "Sent by nginx" });
        var upload = await admin.UploadAcceptedAsync(audio, "nginx.mp3");
        Assert.True((await admin.WaitForProcessingAsync(upload.Id)).Status == TrackStatus.Ready);
        using var api = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var browser = new HttpClient { BaseAddress = nginx.BaseUrl }; // the API and /media/ share a host behind nginx

        using var original = await api.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=original");
        Assert.Equal(HttpStatusCode.Redirect, original.StatusCode);
        var location = original.Headers.Location!;
        Assert.False(location.IsAbsoluteUri);
        Assert.StartsWith($"/media/tracks/", location.ToString(), StringComparison.Ordinal);
        Assert.Equal(audio, await browser.GetByteArrayAsync(location));

        using var segments = await api.GetAsync($"/api/v1/tracks/{upload.Id}/hls/master.m3u8");
        Assert.Equal(HttpStatusCode.OK, segments.StatusCode); // playlists still come from the API

        (await admin.PatchJsonAsync($"/api/v1/tracks/{upload.Id}", new { published = false })).EnsureSuccessStatusCode();
        await (await api.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=original")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_ffmpeg_uploads_are_a_503_problem_and_the_rest_of_the_api_keeps_working()
    {
        await using var factory = new SettingsFactory(new Dictionary<string, string?>
        {
            ["Selah:Media:FfmpegPath"] = "/nonexistent/ffmpeg",
            ["Selah:Media:FfprobePath"] = "/nonexistent/ffprobe",
        });
        using var admin = await factory.CreateAdminClientAsync();
        var audio = await MediaSteps.MakeAudioAsync("mp3", 1);

        using var response = await admin.UploadAsync(audio, "hymn.mp3");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("ffmpeg", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var tracks = await admin.GetAsync("/api/v1/tracks");
        Assert.Equal(HttpStatusCode.OK, tracks.StatusCode);
        using var live = await admin.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
