using System.Net;
using System.Text;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Media;

/// <summary>A factory whose upload limit is tiny, so the 413 path runs without half a gigabyte.</summary>
public sealed class SmallUploadLimitFactory : SelahFactory
{
    public const long Limit = 64 * 1024;

    protected override void ConfigureSettings(IDictionary<string, string?> settings) =>
        settings["Selah:Media:MaxUploadBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Every way an upload is refused: content, size, role, ownership and bad metadata — each a problem naming the cause.</summary>
public sealed class UploadRejectionTests(SmallUploadLimitFactory factory) : IClassFixture<SmallUploadLimitFactory>
{
    [Fact]
    public async Task Text_renamed_mp3_is_415()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The Lord is my shepherd; I shall not want.\n", 50)));
        var response = await admin.UploadAsync(text, "psalm.mp3");
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "urn:selah:problem:unsupported-audio");
    }

    [Fact]
    public async Task Png_is_415()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var directory = Directory.CreateTempSubdirectory("selah-png-").FullName;
        var png = Path.Combine(directory, "x.png");
        await MediaSteps.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=red:s=32x32:d=1", "-frames:v", "1", png]);
        var response = await admin.UploadAsync(await File.ReadAllBytesAsync(png), "cover.flac");
        Directory.Delete(directory, true);
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Over_the_limit_is_413()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var big = new byte[SmallUploadLimitFactory.Limit * 3];
        var response = await admin.UploadAsync(big, "big.wav");
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Listener_cannot_upload_and_anonymous_must_sign_in()
    {
        var audio = await MediaSteps.MakeAudioAsync("mp3", 1);
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await listener.UploadAsync(audio, "a.mp3")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.UploadAsync(audio, "a.mp3")).StatusCode);
    }

    [Fact]
    public async Task Artist_cannot_upload_to_another_owners_artist()
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var first = await factory.CreateArtistClientAsync(admin);
        using var second = await factory.CreateArtistClientAsync(admin);
        var name = $"Choir {Guid.NewGuid():N}"[..20];
        var audio = await MediaSteps.MakeAudioAsync("mp3", 1);
        await first.UploadAcceptedAsync(audio, "mine.mp3", new { artist = name });

        var response = await second.UploadAsync(audio, "theirs.mp3", new { artist = name });
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:not-your-artist");
    }

    [Theory]
    [InlineData("not json", "metadata")]
    [InlineData("{\"title\": ", "metadata.title")]
    [InlineData("{\"trackNumber\": \"three\"}", "metadata.trackNumber")]
    [InlineData("{\"year\": 3000}", "metadata.year")]
    [InlineData("{\"title\": \"   \"}", "metadata.title")]
    [InlineData("{\"genres\": [\"Polka\"]}", "metadata.genres")]
    public async Task Bad_metadata_is_400_naming_the_field(string json, string field)
    {
        using var admin = await factory.CreateAdminClientAsync();
        var audio = await MediaSteps.MakeAudioAsync("mp3", 1);
        var response = await admin.PostAsync("/api/v1/tracks", MediaSteps.UploadContent(audio, "a.mp3", rawMetadata: json));
        if (field == "metadata.genres")
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("genres", problem.ToString());
            return;
        }

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Missing_file_part_is_400()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var content = new MultipartFormDataContent { { new StringContent("{}"), "metadata" } };
        await (await admin.PostAsync("/api/v1/tracks", content)).ShouldBeValidationProblemAsync("file");
    }
}
