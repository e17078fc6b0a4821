using System.Net;
using System.Net.Http.Headers;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;
using SkiaSharp;

namespace Selah.Tests.Features.Catalog;

public sealed class ArtworkApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task A_track_cover_becomes_a_600px_WebP_with_a_versioned_cacheable_URL()
    {
        var (client, artist) = await OwnerWithArtistAsync();
        var track = await factory.AddTrackAsync(artist.Id, "Covered");

        var updated = await (await client.PutAsync($"/api/v1/tracks/{track.Id}/cover", ImageForm(Jpeg(1200, 800), "cover.jpg"))).ReadJsonAsync<TrackResponse>();

        Assert.StartsWith($"/api/v1/tracks/{track.Id}/cover?v=", updated.CoverUrl, StringComparison.Ordinal);
        using var anonymous = factory.CreateClient();
        var cover = await anonymous.GetAsync(updated.CoverUrl);
        await cover.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("image/webp", cover.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", cover.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using (var decoded = SKBitmap.Decode(await cover.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((600, 600), (decoded.Width, decoded.Height));
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Get, updated.CoverUrl);
        conditional.Headers.IfNoneMatch.Add(cover.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);

        // A new picture gets a new URL; the old version is gone.
        var replaced = await (await client.PutAsync($"/api/v1/tracks/{track.Id}/cover", ImageForm(Jpeg(300, 300, SKColors.DarkRed), "b.jpg"))).ReadJsonAsync<TrackResponse>();
        Assert.NotEqual(updated.CoverUrl, replaced.CoverUrl);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(replaced.CoverUrl)).StatusCode);
    }

    [Fact]
    public async Task An_album_cover_shows_on_the_album_and_on_its_tracks_without_their_own()
    {
        var (client, artist) = await OwnerWithArtistAsync();
        var album = await factory.AddAlbumAsync(artist.Id, "Covered Album");
        var track = await factory.AddTrackAsync(artist.Id, "No own cover", t => t.AlbumId = album.Id);

        var updated = await (await client.PutAsync($"/api/v1/albums/{album.Id}/cover", ImageForm(Jpeg(64, 64), "a.jpg"))).ReadJsonAsync<AlbumResponse>();

        Assert.StartsWith($"/api/v1/albums/{album.Id}/cover?v=", updated.CoverUrl, StringComparison.Ordinal);
        Assert.Equal(updated.CoverUrl, Assert.Single(updated.Tracks).CoverUrl);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(updated.CoverUrl)).StatusCode);
        var trackView = await (await factory.CreateClient().GetAsync($"/api/v1/tracks/{track.Id}")).ReadJsonAsync<TrackResponse>();
        Assert.Equal(updated.CoverUrl, trackView.CoverUrl);
    }

    [Fact]
    public async Task An_artist_image_is_uploaded_by_the_owner_and_served_publicly()
    {
        var (client, artist) = await OwnerWithArtistAsync();

        var updated = await (await client.PutAsync($"/api/v1/artists/{artist.Id}/image", ImageForm(Jpeg(500, 900), "p.jpg"))).ReadJsonAsync<ArtistResponse>();

        Assert.StartsWith($"/api/v1/artists/{artist.Id}/image?v=", updated.ImageUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(updated.ImageUrl)).StatusCode);
    }

    [Fact]
    public async Task Not_an_image_is_415_too_big_is_413_and_no_file_is_400()
    {
        var (client, artist) = await OwnerWithArtistAsync();
        var track = await factory.AddTrackAsync(artist.Id, "Bad covers");
        var big = new byte[(10 * 1024 * 1024) + 1024];
        Jpeg(8, 8).CopyTo(big, 0);

        await (await client.PutAsync($"/api/v1/tracks/{track.Id}/cover", ImageForm("%PDF-1.4 not a picture"u8.ToArray(), "cover.png")))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await client.PutAsync($"/api/v1/tracks/{track.Id}/cover", ImageForm(big, "huge.jpg"))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        await (await client.PutAsync($"/api/v1/tracks/{track.Id}/cover", noFile)).ShouldBeValidationProblemAsync("file");
        await (await factory.CreateClient().GetAsync($"/api/v1/tracks/{track.Id}/cover")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Covers_of_other_artists_are_403_and_of_invisible_rows_404()
    {
        var (_, artist) = await OwnerWithArtistAsync();
        var published = await factory.AddTrackAsync(artist.Id, "Public");
        var draft = await factory.AddTrackAsync(artist.Id, "Draft", t => t.Published = false);
        var hiddenAlbum = await factory.AddAlbumAsync(artist.Id, "Hidden", published: false);
        using var other = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);

        await (await other.PutAsync($"/api/v1/tracks/{published.Id}/cover", ImageForm(Jpeg(8, 8), "a.jpg"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.PutAsync($"/api/v1/tracks/{draft.Id}/cover", ImageForm(Jpeg(8, 8), "a.jpg"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsync($"/api/v1/albums/{hiddenAlbum.Id}/cover", ImageForm(Jpeg(8, 8), "a.jpg"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsync($"/api/v1/artists/{artist.Id}/image", ImageForm(Jpeg(8, 8), "a.jpg"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<(HttpClient Client, Selah.Server.Features.Catalog.Artist Artist)> OwnerWithArtistAsync()
    {
        var owner = await factory.SignInNewArtistAsync();
        var artist = await factory.AddArtistAsync($"Artwork {CatalogSteps.NewMarker()}", owner.UserId);
        return (factory.CreateClient(owner.AccessToken), artist);
    }

    private static byte[] Jpeg(int width, int height, SKColor? color = null)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color ?? new SKColor(40, 90, 160));
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static MultipartFormDataContent ImageForm(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
