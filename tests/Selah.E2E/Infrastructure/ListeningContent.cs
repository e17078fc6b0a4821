using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Selah.E2E.Infrastructure;

/// <summary>
/// Music for the listening tests. The E2E server runs without the demo catalogue (rendering the demo hymns takes
/// minutes), so this uploads three short ffmpeg-made tracks as the bootstrap admin — one album, "Evening Hymns" by
/// "E2E Choir", with plain and synced lyrics on the first — waits until they are processed, and publishes them.
/// Done once per server; every listening test reuses it.
/// </summary>
public static class ListeningContent
{
    public const string Artist = "E2E Choir";
    public const string Album = "Evening Hymns";
    public static readonly string[] Titles = ["Amazing Grace", "Be Still My Soul", "Abide With Me"];
    public const double TrackSeconds = 40;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, Catalog> Seeded = [];

    public sealed record Catalog(Guid AlbumId, IReadOnlyList<Guid> TrackIds);

    public static async Task<Catalog> EnsureAsync(SelahServer server)
    {
        await Gate.WaitAsync();
        try
        {
            if (Seeded.TryGetValue(server.BaseUrl, out var existing))
            {
                return existing;
            }

            var catalog = await SeedAsync(server);
            Seeded[server.BaseUrl] = catalog;
            return catalog;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Catalog> SeedAsync(SelahServer server)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(server.BaseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        await EnsureOkAsync(await http.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = server.AdminEmail, password = server.AdminPassword }), "sign in as admin");
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
        http.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString()!);

        var ids = new List<Guid>();
        var folder = Directory.CreateTempSubdirectory("selah-e2e-audio-");
        try
        {
            for (var i = 0; i < Titles.Length; i++)
            {
                var file = Path.Combine(folder.FullName, $"track{i + 1}.mp3");
                await MakeToneAsync(file, 330 + i * 110);
                using var content = new MultipartFormDataContent();
                var metadata = new
                {
                    title = Titles[i],
                    artist = Artist,
                    album = Album,
                    trackNumber = i + 1,
                    year = 2024,
                    published = false,
                    lyrics = i == 0 ? "Amazing grace, how sweet the sound\nThat saved a wretch like me\nI once was lost, but now am found\nWas blind, but now I see" : null,
                    syncedLyrics = i == 0 ? "[00:00.50]Amazing grace, how sweet the sound\n[00:08.00]That saved a wretch like me\n[00:16.00]I once was lost, but now am found\n[00:24.00]Was blind, but now I see" : null,
                };
                var json = new StringContent(JsonSerializer.Serialize(metadata));
                json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                content.Add(json, "metadata");
                var audio = new ByteArrayContent(await File.ReadAllBytesAsync(file));
                audio.Headers.ContentType = new MediaTypeHeaderValue("audio/mpeg");
                content.Add(audio, "file", $"track{i + 1}.mp3");
                var response = await http.PostAsync("/api/v1/tracks", content);
                await EnsureOkAsync(response, $"upload {Titles[i]}");
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        Guid albumId = default;
        var clock = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            while (true)
            {
                var track = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{id}");
                var status = track.GetProperty("status").GetString();
                if (status == "Ready" || status == "ready")
                {
                    albumId = track.GetProperty("album").GetProperty("id").GetGuid();
                    break;
                }

                if (status is "Failed" or "failed" || clock.Elapsed > TimeSpan.FromMinutes(4))
                {
                    throw new InvalidOperationException($"Track {id} did not become ready ({status}): {track}\n{server.OutputTail(3000)}");
                }

                await Task.Delay(500);
            }

            await EnsureOkAsync(await http.PatchAsJsonAsync($"/api/v1/tracks/{id}", new { published = true }), "publish track");
        }

        await EnsureOkAsync(await http.PatchAsJsonAsync($"/api/v1/albums/{albumId}", new { published = true }), "publish album");
        return new Catalog(albumId, ids);
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A 40 s tone whose loudness swells, so the waveform has a shape.</summary>
    private static async Task MakeToneAsync(string path, int frequency)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                     "-i", $"sine=frequency={frequency}:duration={TrackSeconds}:sample_rate=44100",
                     "-af", "volume='0.15+0.6*abs(sin(t/3))':eval=frame", "-ac", "2", "-b:a", "96k", path,
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {errors}");
        }
    }
}
