using System.Net;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Media;

/// <summary><c>GET /tracks/{id}/download</c>: the file to keep offline, under <c>Selah:Media:OfflineDownloads</c>.</summary>
public sealed class DownloadTests
{
    private static async Task<(Guid Id, byte[] Audio)> ReadyTrackAsync(SelahFactory factory, HttpClient admin, object? metadata = null)
    {
        var audio = await MediaSteps.MakeAudioAsync("ogg", 1);
        var id = (await admin.UploadAcceptedAsync(audio, "keep.ogg", metadata)).Id;
        Assert.Equal(TrackStatus.Ready, (await admin.WaitForProcessingAsync(id)).Status);
        return (id, audio);
    }

    [Fact]
    public async Task By_default_anyone_who_may_stream_a_track_may_download_it_as_an_attachment()
    {
        await using var factory = new SelahFactory();
        using var admin = await factory.CreateAdminClientAsync();
        var (id, audio) = await ReadyTrackAsync(factory, admin);
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync($"/api/v1/tracks/{id}/download?format=original");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(audio, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{id}.ogg", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.NotEmpty(await anonymous.GetByteArrayAsync($"/api/v1/tracks/{id}/download?format=opus"));

        await (await anonymous.GetAsync($"/api/v1/tracks/{id}/download?format=wav")).ShouldBeValidationProblemAsync("format");
        await (await anonymous.GetAsync($"/api/v1/tracks/{Guid.NewGuid()}/download")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var (hidden, _) = await ReadyTrackAsync(factory, admin, new { title = "Draft", published = false });
        await (await anonymous.GetAsync($"/api/v1/tracks/{hidden}/download")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Signed_in_only_refuses_guests_with_a_reason_and_nobody_turns_downloads_off_while_streaming_stays()
    {
        await using (var factory = new SettingsFactory(new Dictionary<string, string?> { ["Selah:Media:OfflineDownloads"] = "SignedIn" }))
        {
            using var admin = await factory.CreateAdminClientAsync();
            var (id, audio) = await ReadyTrackAsync(factory, admin);
            using var anonymous = factory.CreateClient();
            var problem = await (await anonymous.GetAsync($"/api/v1/tracks/{id}/download")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("Sign in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            using var member = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
            Assert.Equal(audio, await member.GetByteArrayAsync($"/api/v1/tracks/{id}/download?format=original"));
        }

        await using (var factory = new SettingsFactory(new Dictionary<string, string?> { ["Selah:Media:OfflineDownloads"] = "Nobody" }))
        {
            using var admin = await factory.CreateAdminClientAsync();
            var (id, audio) = await ReadyTrackAsync(factory, admin);
            await (await admin.GetAsync($"/api/v1/tracks/{id}/download")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(audio, await admin.GetByteArrayAsync($"/api/v1/tracks/{id}/stream?format=original"));
        }
    }
}
