using System.Globalization;
using System.Net;
using System.Text.Json;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Media;

/// <summary>Upload → processing → ready for every accepted format: tags read, loudness measured, renditions and HLS made.</summary>
public sealed class MediaPipelineTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Theory]
    [InlineData("mp3")]
    [InlineData("flac")]
    [InlineData("wav")]
    [InlineData("ogg")]
    [InlineData("opus")]
    [InlineData("m4a")]
    public async Task Each_accepted_format_is_processed_to_ready_with_its_tags(string extension)
    {
        using var admin = await factory.CreateAdminClientAsync();
        var artist = $"Psalmists {extension} {Guid.NewGuid():N}"[..30];
        var tags = new Dictionary<string, string>
        {
            ["title"] = $"Be Still ({extension})",
            ["artist"] = artist,
            ["album"] = "Quiet Waters",
            ["track"] = "3/9",
            ["date"] = "2019",
        };
        if (extension != "wav")
        {
            tags["disc"] = "2";
        }

        var audio = await MediaSteps.MakeAudioAsync(extension, 2, tags);
        var upload = await admin.UploadAcceptedAsync(audio, "anything.bin"); // the name is not trusted: content decides
        var track = await admin.WaitForProcessingAsync(upload.Id);

        Assert.True(track.Status == TrackStatus.Ready, $"{extension}: {track.Error}");
        Assert.Equal($"Be Still ({extension})", track.Title);
        Assert.Equal(artist, track.Artist.Name);
        Assert.Equal("Quiet Waters", track.Album?.Title);
        Assert.Equal(3, track.TrackNumber);
        Assert.Equal(2019, track.Year);
        Assert.InRange(track.DurationSeconds ?? 0, 1.9, 2.2);
        Assert.True(track.Published, "published once ready by default");
        Assert.NotNull(track.LoudnessLufs);

        using var anonymous = factory.CreateClient();
        var original = await anonymous.GetByteArrayAsync($"/api/v1/tracks/{upload.Id}/stream?format=original");
        Assert.Equal(audio, original);
    }

    [Fact]
    public async Task Loudness_renditions_hls_and_waveform_are_made_for_a_known_signal()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var audio = await MediaSteps.MakeAudioAsync("wav", 14, new Dictionary<string, string> { ["title"] = "Known Sine" });
        var upload = await admin.UploadAcceptedAsync(audio, "sine.wav");
        var track = await admin.WaitForProcessingAsync(upload.Id);
        Assert.True(track.Status == TrackStatus.Ready, track.Error);

        // A mono sine peaking at −20 dBFS: −23 LUFS integrated (EBU R128), true peak −20 dBTP.
        Assert.InRange(track.LoudnessLufs!.Value, -24.5, -21.5);
        Assert.InRange(track.TruePeakDb!.Value, -21.0, -19.0);

        var opus = await admin.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=opus");
        Assert.Equal("audio/ogg", opus.Content.Headers.ContentType?.MediaType);
        var opusProbe = await MediaSteps.ProbeAsync(await opus.Content.ReadAsByteArrayAsync());
        Assert.Equal("opus", AudioCodec(opusProbe));
        Assert.Contains("ogg", opusProbe.GetProperty("format").GetProperty("format_name").GetString());

        var aac = await admin.GetAsync($"/api/v1/tracks/{upload.Id}/stream?format=aac");
        Assert.Equal("audio/mp4", aac.Content.Headers.ContentType?.MediaType);
        var aacProbe = await MediaSteps.ProbeAsync(await aac.Content.ReadAsByteArrayAsync());
        Assert.Equal("aac", AudioCodec(aacProbe));
        var aacBitrate = long.Parse(aacProbe.GetProperty("streams")[0].GetProperty("bit_rate").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(aacBitrate, 100_000, 300_000); // a pure sine needs far less than 256k; the encoder stays under the target

        var master = await admin.GetAsync($"/api/v1/tracks/{upload.Id}/hls/master.m3u8");
        Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType?.MediaType);
        var masterText = await master.Content.ReadAsStringAsync();
        Assert.StartsWith("#EXTM3U", masterText);
        var variants = masterText.Split('\n').Where(l => l.EndsWith(".m3u8", StringComparison.Ordinal)).ToList();
        Assert.Equal(["96k/index.m3u8", "192k/index.m3u8"], variants);
        Assert.Equal(2, masterText.Split('\n').Count(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal) && l.Contains("BANDWIDTH=") && l.Contains("CODECS=\"mp4a.40.2\"")));

        foreach (var variant in variants)
        {
            var playlist = await admin.GetStringAsync($"/api/v1/tracks/{upload.Id}/hls/{variant}");
            var lines = playlist.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("#EXT-X-VERSION:7", lines);
            Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", lines);
            Assert.Contains("#EXT-X-ENDLIST", lines);
            Assert.Contains(lines, l => l.StartsWith("#EXT-X-MAP:URI=\"init.mp4\"", StringComparison.Ordinal));
            var target = int.Parse(lines.Single(l => l.StartsWith("#EXT-X-TARGETDURATION:", StringComparison.Ordinal)).Split(':')[1], CultureInfo.InvariantCulture);
            var durations = lines.Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
                .Select(l => double.Parse(l["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
            Assert.True(durations.Count >= 2, "a 14 s track makes several ~6 s segments");
            Assert.All(durations, d => Assert.True(Math.Round(d) <= target, $"EXTINF {d} > TARGETDURATION {target}"));
            Assert.InRange(durations.Sum(), 13.5, 14.5);

            var directory = variant.Split('/')[0];
            var init = await admin.GetAsync($"/api/v1/tracks/{upload.Id}/hls/{directory}/init.mp4");
            Assert.Equal(HttpStatusCode.OK, init.StatusCode);
            foreach (var segment in lines.Where(l => !l.StartsWith('#')))
            {
                var response = await admin.GetAsync($"/api/v1/tracks/{upload.Id}/hls/{directory}/{segment}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("audio/mp4", response.Content.Headers.ContentType?.MediaType);
                Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0);
            }
        }

        var waveform = await admin.GetAsync($"/api/v1/tracks/{upload.Id}/waveform").ContinueWith(t => t.Result.ReadJsonAsync<WaveformResponse>()).Unwrap();
        Assert.Equal(800, waveform.Peaks.Count);
        Assert.All(waveform.Peaks, p => Assert.InRange(p, 0.08f, 0.12f)); // a steady sine of amplitude 0.1 everywhere
    }

    [Theory]
    [InlineData("../index.m3u8")]
    [InlineData("master.m3u8")]
    [InlineData("seg_1.m4s")]
    [InlineData("index.m3u8.bak")]
    public async Task Hls_file_names_are_validated_strictly(string file)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync($"/api/v1/tracks/{Guid.NewGuid()}/hls/96k/{Uri.EscapeDataString(file)}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static string? AudioCodec(JsonElement probe) =>
        probe.GetProperty("streams").EnumerateArray().First(s => s.GetProperty("codec_type").GetString() == "audio").GetProperty("codec_name").GetString();
}
