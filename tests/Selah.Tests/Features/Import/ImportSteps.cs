using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Selah.Contracts.Media;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Import;

/// <summary>A server whose folder imports may read below <see cref="Root"/> (a fresh temp folder).</summary>
public class ImportFactory : SelahFactory
{
    public ImportFactory()
    {
        Root = Directory.CreateTempSubdirectory("selah-import-root-").FullName;
    }

    public string Root { get; }

    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Selah:Import:Roots:0"] = Root;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Zip building, import start and polling through the API.</summary>
public static class ImportSteps
{
    /// <summary>An entry of a test archive: a name, its bytes, optionally a Unix mode (e.g. a symlink) and no compression.</summary>
    public sealed record Entry(string Name, byte[] Content, int? UnixMode = null, bool Store = false);

    public static byte[] Zip(params Entry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                var zipEntry = archive.CreateEntry(entry.Name, entry.Store ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                if (entry.UnixMode is { } mode)
                {
                    zipEntry.ExternalAttributes = mode << 16;
                }

                using var stream = zipEntry.Open();
                stream.Write(entry.Content);
            }
        }

        return buffer.ToArray();
    }

    public static Task<HttpResponseMessage> PostZipAsync(this HttpClient client, byte[] zip, string fileName = "library.zip")
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(zip);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(part, "file", fileName);
        return client.PostAsync("/api/v1/admin/imports/zip", content);
    }

    public static async Task<ImportResponse> ImportZipAsync(this HttpClient client, byte[] zip)
    {
        var response = await client.PostZipAsync(zip);
        var started = await response.ReadJsonAsync<ImportResponse>(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/admin/imports/{started.Id}", response.Headers.Location?.OriginalString);
        return await client.WaitForImportAsync(started.Id);
    }

    /// <summary>Polls the import until it has ended (completed, failed or cancelled).</summary>
    public static async Task<ImportResponse> WaitForImportAsync(this HttpClient client, Guid id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(300)); // generous: the job may queue behind processing jobs on a loaded machine
        while (true)
        {
            var import = await (await client.GetAsync($"/api/v1/admin/imports/{id}")).ReadJsonAsync<ImportResponse>();
            if (import.Status is ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled)
            {
                return import;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Import {id} did not finish: {import.Status}, {import.Totals}.");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<IReadOnlyList<ImportItemResponse>> ItemsAsync(this HttpClient client, Guid id, string? outcome = null)
    {
        var all = new List<ImportItemResponse>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/admin/imports/{id}/items?limit=2" + (outcome is null ? "" : $"&outcome={outcome}") + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await client.GetAsync(url)).ReadJsonAsync<Selah.Contracts.Admin.Page<ImportItemResponse>>();
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    private static int _frequency = 300 + Random.Shared.Next(500);

    /// <summary>A tone no other test file shares (so fingerprints only match where a test wants them to).</summary>
    public static int NewFrequency() => Interlocked.Add(ref _frequency, 7);

    public static Task<byte[]> Mp3Async(string title, string artist, string album, double seconds = 2, string? track = null, bool withCover = false, int? frequency = null)
    {
        var tags = new Dictionary<string, string> { ["title"] = title, ["artist"] = artist, ["album"] = album };
        if (track is not null)
        {
            tags["track"] = track;
        }

        return AudioAsync("mp3", seconds, tags, withCover, frequency);
    }

    /// <summary>Like <see cref="MediaSteps.MakeAudioAsync"/> but with a chosen (by default unique) frequency.</summary>
    public static async Task<byte[]> AudioAsync(string extension, double seconds, IReadOnlyDictionary<string, string> tags, bool withCover = false, int? frequency = null)
    {
        var directory = Directory.CreateTempSubdirectory("selah-import-audio-").FullName;
        try
        {
            var output = Path.Combine(directory, "out." + extension);
            var args = new List<string> { "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                FormattableString.Invariant($"sine=frequency={frequency ?? NewFrequency()}:sample_rate=44100:duration={seconds}") };
            if (withCover)
            {
                args.AddRange(["-f", "lavfi", "-i", "color=c=blue:s=64x64:d=1", "-map", "0:a", "-map", "1:v", "-frames:v", "1", "-c:v", "mjpeg", "-disposition:v", "attached_pic", "-id3v2_version", "3"]);
            }

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
            foreach (var (key, value) in tags)
            {
                args.AddRange(["-metadata", $"{key}={value}"]);
            }

            args.Add(output);
            await MediaSteps.RunAsync("ffmpeg", args);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static async Task<byte[]> JpegAsync()
    {
        var directory = Directory.CreateTempSubdirectory("selah-jpg-").FullName;
        try
        {
            var file = Path.Combine(directory, "c.jpg");
            await MediaSteps.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=green:s=64x64:d=1", "-frames:v", "1", file]);
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
