using System.Net;
using System.Net.Http.Headers;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Media;

/// <summary>Range requests, conditional requests and access rules of the stream endpoint, checked byte for byte.</summary>
public sealed class StreamingTests(SelahFactory factory) : IClassFixture<SelahFactory>, IAsyncLifetime
{
    private byte[] _original = [];
    private Guid _trackId;

    public async Task InitializeAsync()
    {
        using var admin = await factory.CreateAdminClientAsync();
        _original = await MediaSteps.MakeAudioAsync("mp3", 2, new Dictionary<string, string> { ["title"] = "Range Hymn" });
        _trackId = (await admin.UploadAcceptedAsync(_original, "range.mp3")).Id;
        var track = await admin.WaitForProcessingAsync(_trackId);
        Assert.True(track.Status == TrackStatus.Ready, track.Error);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Url(string format = "original") => $"/api/v1/tracks/{_trackId}/stream?format={format}";

    [Fact]
    public async Task Whole_file_has_content_type_validators_and_private_caching()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(Url());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_original, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge: not null }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Contains("bytes", response.Headers.AcceptRanges);
    }

    [Theory]
    [InlineData("bytes=0-99", 0, 100)]
    [InlineData("bytes=1000-2999", 1000, 2000)]
    [InlineData("bytes=-100", -100, 100)]
    [InlineData("bytes=500-", 500, -1)]
    public async Task Ranges_return_206_with_exact_bytes(string range, long start, long length)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url());
        request.Headers.TryAddWithoutValidation("Range", range);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var from = start < 0 ? _original.Length + start : start;
        var count = length < 0 ? _original.Length - from : length;
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(_original.AsSpan((int)from, (int)count).ToArray(), body);
        var contentRange = response.Content.Headers.ContentRange!;
        Assert.Equal(from, contentRange.From);
        Assert.Equal(from + count - 1, contentRange.To);
        Assert.Equal(_original.Length, contentRange.Length);
    }

    [Fact]
    public async Task Unsatisfiable_range_is_416_with_the_length()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url());
        request.Headers.TryAddWithoutValidation("Range", $"bytes={_original.Length + 10}-");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{_original.Length}", response.Content.Headers.GetValues("Content-Range").Single());
    }

    [Fact]
    public async Task Head_answers_headers_without_a_body_and_if_none_match_gives_304()
    {
        using var client = factory.CreateClient();
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url("aac")));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("audio/mp4", head.Content.Headers.ContentType?.MediaType);
        Assert.True(head.Content.Headers.ContentLength > 0);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, Url("aac"));
        conditional.Headers.IfNoneMatch.Add(head.Headers.ETag!);
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // If-Range with a stale validator sends the whole file instead of the range.
        using var stale = new HttpRequestMessage(HttpMethod.Get, Url("aac"));
        stale.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
        stale.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\""));
        var whole = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(head.Content.Headers.ContentLength, (await whole.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Range_on_a_rendition_matches_the_whole_rendition()
    {
        using var client = factory.CreateClient();
        var whole = await client.GetByteArrayAsync(Url("opus"));
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("opus"));
        request.Headers.TryAddWithoutValidation("Range", "bytes=100-199");
        var part = await (await client.SendAsync(request)).Content.ReadAsByteArrayAsync();
        Assert.Equal(whole.AsSpan(100, 100).ToArray(), part);
    }

    [Fact]
    public async Task Unknown_format_is_a_validation_problem()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync(Url("flac"))).ShouldBeValidationProblemAsync("format");
    }

    [Fact]
    public async Task Unpublished_track_streams_for_its_uploader_only()
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var artist = await factory.CreateArtistClientAsync(admin);
        var audio = await MediaSteps.MakeAudioAsync("ogg", 1);
        var upload = await artist.UploadAcceptedAsync(audio, "private.ogg", new { title = "Draft", published = false });

        using var stranger = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var whileProcessing = await stranger.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=original");
        await whileProcessing.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var track = await artist.WaitForProcessingAsync(upload.Id);
        Assert.Equal(TrackStatus.Ready, track.Status);
        Assert.False(track.Published);
        Assert.Equal(audio, await artist.GetByteArrayAsync($"/api/v1/tracks/{upload.Id}/stream?format=original"));
        await (await stranger.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=original")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync($"/api/v1/tracks/{upload.Id}/hls/master.m3u8")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/v1/tracks/{upload.Id}/waveform")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unpublish_publish_and_delete_take_effect_on_the_very_next_request()
    {
        // Delivery caches the access decision; the cache must never outlive a change to the track on this node.
        using var admin = await factory.CreateAdminClientAsync();
        var audio = await MediaSteps.MakeAudioAsync("ogg", 1);
        var id = (await admin.UploadAcceptedAsync(audio, "cached.ogg", new { title = "Cached" })).Id;
        Assert.Equal(TrackStatus.Ready, (await admin.WaitForProcessingAsync(id)).Status);
        using var listener = factory.CreateClient();
        var url = $"/api/v1/tracks/{id}/stream?format=original";
        Assert.Equal(audio, await listener.GetByteArrayAsync(url)); // fills the cache

        (await admin.PatchJsonAsync($"/api/v1/tracks/{id}", new { published = false })).EnsureSuccessStatusCode();
        await (await listener.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await listener.GetAsync($"/api/v1/tracks/{id}/hls/master.m3u8")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await admin.PatchJsonAsync($"/api/v1/tracks/{id}", new { published = true })).EnsureSuccessStatusCode();
        Assert.Equal(audio, await listener.GetByteArrayAsync(url));

        (await admin.DeleteAsync($"/api/v1/tracks/{id}")).EnsureSuccessStatusCode();
        await (await listener.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
