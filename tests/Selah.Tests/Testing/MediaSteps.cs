using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Selah.Contracts.Catalog;

namespace Selah.Tests.Testing;

/// <summary>Test audio made by ffmpeg on the spot (never committed), and the usual media arrange steps through the API.</summary>
public static class MediaSteps
{
    /// <summary>
    /// A <paramref name="seconds"/>-long mono 440 Hz sine at −20 dBFS peak with tags, in the container of
    /// <paramref name="extension"/> (mp3, flac, wav, ogg, opus, m4a).
    /// </summary>
    public static async Task<byte[]> MakeAudioAsync(string extension, double seconds = 3, IReadOnlyDictionary<string, string>? tags = null, bool withCover = false)
    {
        var directory = Directory.CreateTempSubdirectory("selah-audio-").FullName;
        try
        {
            var output = Path.Combine(directory, "out." + extension);
            var args = new List<string> { "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}" };
            if (withCover)
            {
                args.AddRange(["-f", "lavfi", "-i", "color=c=blue:s=64x64:d=1", "-map", "0:a", "-map", "1:v", "-frames:v", "1", "-c:v", "mjpeg", "-disposition:v", "attached_pic", "-id3v2_version", "3"]);
            }

            args.AddRange(["-af", "volume=0.8"]); // ffmpeg's sine source peaks at 1/8; × 0.8 → 0.1, i.e. −20 dBFS (≈ −23 LUFS for a mono sine)
            args.AddRange(extension switch
            {
                "mp3" => ["-c:a", "libmp3lame", "-b:a", "128k"],
                "flac" => ["-c:a", "flac"],
                "wav" => ["-c:a", "pcm_s16le"],
                "ogg" => ["-c:a", "libvorbis", "-q:a", "3"],
                "opus" => ["-c:a", "libopus", "-b:a", "96k"],
                "m4a" => ["-c:a", "aac", "-b:a", "128k"],
                _ => throw new ArgumentException(extension),
            });
            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                args.AddRange(["-metadata", $"{key}={value}"]);
            }

            args.Add(output);
            await RunAsync("ffmpeg", args);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs a tool and returns its stdout; throws with stderr when it fails.</summary>
    public static async Task<string> RunAsync(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {await stderr}");
        }

        return await stdout;
    }

    /// <summary>ffprobe's JSON for a file's bytes (format and streams).</summary>
    public static async Task<JsonElement> ProbeAsync(byte[] content)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, content);
            var json = await RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file]);
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static MultipartFormDataContent UploadContent(byte[] file, string fileName, object? metadata = null, string? rawMetadata = null)
    {
        var content = new MultipartFormDataContent();
        if (rawMetadata is not null || metadata is not null)
        {
            var json = rawMetadata ?? JsonSerializer.Serialize(metadata, TestJson.Options);
            content.Add(new StringContent(json, Encoding.UTF8, "application/json"), "metadata");
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", fileName);
        return content;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] file, string fileName, object? metadata = null) =>
        client.PostAsync("/api/v1/tracks", UploadContent(file, fileName, metadata));

    public static async Task<TrackUploadResponse> UploadAcceptedAsync(this HttpClient client, byte[] file, string fileName, object? metadata = null)
    {
        var response = await client.UploadAsync(file, fileName, metadata);
        var upload = await response.ReadJsonAsync<TrackUploadResponse>(HttpStatusCode.Accepted);
        Assert.Equal(TrackStatus.Processing, upload.Status);
        return upload;
    }

    /// <summary>Polls the track (as <paramref name="client"/>) until its status is ready or failed, or the timeout passes.</summary>
    public static async Task<TrackResponse> WaitForProcessingAsync(this HttpClient client, Guid trackId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var response = await client.GetAsync($"/api/v1/tracks/{trackId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var track = await response.ReadJsonAsync<TrackResponse>();
                if (track.Status is TrackStatus.Ready or TrackStatus.Failed)
                {
                    return track;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Track {trackId} did not finish processing (last answer {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}).");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A new verified account with the artist role, signed in again so its token carries the role.</summary>
    public static async Task<HttpClient> CreateArtistClientAsync(this SelahFactory factory, HttpClient admin, string? displayName = null)
    {
        var account = await factory.RegisterVerifiedAsync(displayName ?? "Test Artist");
        var roles = await admin.PutJsonAsync($"/api/v1/admin/users/{account.UserId}/roles", new { roles = new[] { "artist" } });
        await roles.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var signedIn = await factory.SignInAsync(account);
        return factory.CreateClient(signedIn.AccessToken);
    }
}
