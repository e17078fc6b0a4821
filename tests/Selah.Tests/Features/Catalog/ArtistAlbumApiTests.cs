using System.Net;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Catalog;

public sealed class ArtistAlbumApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Theory]
    [InlineData("name")]
    [InlineData("newest")]
    public async Task Artists_search_by_name_and_page_in_either_sort(string sort)
    {
        var marker = CatalogSteps.NewMarker();
        var ids = new List<Guid>();
        foreach (var name in new[] { "Choir", "Anthem", "Brass", "Anthem", "Duo" })
        {
            ids.Add((await factory.AddArtistAsync($"{name} {marker}")).Id);
        }

        using var client = factory.CreateClient();
        var paged = await client.ReadAllPagesAsync<ArtistSummary>($"/api/v1/artists?q={marker.ToUpperInvariant()}&sort={sort}", 2);

        Assert.Equal(ids.Order(), paged.Select(a => a.Id).Order());
        Assert.Equal(
            sort == "name" ? paged.Select(a => a.Name).Order(StringComparer.Ordinal) : paged.Select(a => a.Name),
            paged.Select(a => a.Name));
        if (sort == "newest")
        {
            Assert.Equal(Enumerable.Reverse(ids), paged.Select(a => a.Id));
        }

        var bad = await client.GetAsync("/api/v1/artists?limit=0");
        await bad.ShouldBeValidationProblemAsync("limit");
    }

    [Fact]
    public async Task An_artist_profile_by_slug_or_id_has_albums_and_top_tracks_by_plays()
    {
        var artist = await factory.AddArtistAsync($"Profile {CatalogSteps.NewMarker()}");
        var album = await factory.AddAlbumAsync(artist.Id, "Live at Church", year: 2019);
        var quiet = await factory.AddTrackAsync(artist.Id, "Quiet", t => t.PlayCount = 3);
        var loved = await factory.AddTrackAsync(artist.Id, "Loved", t => t.PlayCount = 300);
        await factory.AddTrackAsync(artist.Id, "Hidden", t => { t.PlayCount = 9999; t.Published = false; });
        using var client = factory.CreateClient();

        var bySlug = await (await client.GetAsync($"/api/v1/artists/{artist.Slug}")).ReadJsonAsync<ArtistResponse>();
        var byId = await (await client.GetAsync($"/api/v1/artists/{artist.Id}")).ReadJsonAsync<ArtistResponse>();

        Assert.Equal(artist.Id, bySlug.Id);
        Assert.Equal(bySlug.Id, byId.Id);
        Assert.Equal([album.Id], bySlug.Albums.Select(a => a.Id));
        Assert.Equal([loved.Id, quiet.Id], bySlug.TopTracks.Select(t => t.Id));
        await (await client.GetAsync("/api/v1/artists/no-such-artist")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/artists/{new string('x', 5000)}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Albums_filter_by_artist_genre_and_year_and_page_in_every_sort()
    {
        var artist = await factory.AddArtistAsync($"Albums {CatalogSteps.NewMarker()}");
        var older = await factory.AddAlbumAsync(artist.Id, "Zion Songs", year: 1998);
        var newer = await factory.AddAlbumAsync(artist.Id, "Advent", year: 2021);
        var undated = await factory.AddAlbumAsync(artist.Id, "Morning", year: null);
        await factory.AddTrackAsync(artist.Id, "Carol", t => t.AlbumId = newer.Id, genres: ["christmas"]);
        using var client = factory.CreateClient();

        var christmas = await (await client.GetAsync($"/api/v1/albums?artistId={artist.Id}&genre=christmas")).ReadJsonAsync<CatalogPage<AlbumSummary>>();
        var in1998 = await (await client.GetAsync($"/api/v1/albums?artistId={artist.Id}&year=1998")).ReadJsonAsync<CatalogPage<AlbumSummary>>();
        Assert.Equal([newer.Id], christmas.Items.Select(a => a.Id));
        Assert.Equal([older.Id], in1998.Items.Select(a => a.Id));

        var newest = await client.ReadAllPagesAsync<AlbumSummary>($"/api/v1/albums?artistId={artist.Id}&sort=newest", 1);
        var byTitle = await client.ReadAllPagesAsync<AlbumSummary>($"/api/v1/albums?artistId={artist.Id}&sort=title", 1);
        var byYear = await client.ReadAllPagesAsync<AlbumSummary>($"/api/v1/albums?artistId={artist.Id}&sort=year", 2);
        Assert.Equal([undated.Id, newer.Id, older.Id], newest.Select(a => a.Id));
        Assert.Equal([newer.Id, undated.Id, older.Id], byTitle.Select(a => a.Id));
        Assert.Equal([newer.Id, older.Id, undated.Id], byYear.Select(a => a.Id));
        await (await client.GetAsync("/api/v1/albums?sort=best")).ShouldBeValidationProblemAsync("sort");
        await (await client.GetAsync("/api/v1/albums?year=last")).ShouldBeValidationProblemAsync("year");
    }

    [Fact]
    public async Task An_album_lists_its_tracks_in_disc_and_track_order_with_the_total_duration()
    {
        var artist = await factory.AddArtistAsync($"Order {CatalogSteps.NewMarker()}");
        var album = await factory.AddAlbumAsync(artist.Id, "Two Discs");
        var d2t1 = await factory.AddTrackAsync(artist.Id, "Disc 2 Track 1", t => { t.AlbumId = album.Id; t.DiscNumber = 2; t.TrackNumber = 1; t.DurationSeconds = 100; });
        var d1t2 = await factory.AddTrackAsync(artist.Id, "Disc 1 Track 2", t => { t.AlbumId = album.Id; t.DiscNumber = 1; t.TrackNumber = 2; t.DurationSeconds = 200.5; });
        var d1t1 = await factory.AddTrackAsync(artist.Id, "Disc 1 Track 1", t => { t.AlbumId = album.Id; t.DiscNumber = 1; t.TrackNumber = 1; t.DurationSeconds = 60; });
        await factory.AddTrackAsync(artist.Id, "Unpublished", t => { t.AlbumId = album.Id; t.TrackNumber = 3; t.Published = false; t.DurationSeconds = 999; });

        var response = await (await factory.CreateClient().GetAsync($"/api/v1/albums/{album.Id}")).ReadJsonAsync<AlbumResponse>();

        Assert.Equal([d1t1.Id, d1t2.Id, d2t1.Id], response.Tracks.Select(t => t.Id));
        Assert.Equal(360.5, response.DurationSeconds, 3);
        Assert.Equal(artist.Name, response.Artist.Name);
    }

    [Fact]
    public async Task The_owner_edits_album_and_artist_and_only_admins_change_verified_and_owner()
    {
        var owner = await factory.SignInNewArtistAsync();
        var artist = await factory.AddArtistAsync($"Edit {CatalogSteps.NewMarker()}", owner.UserId);
        var album = await factory.AddAlbumAsync(artist.Id, "Draft Title");
        using var client = factory.CreateClient(owner.AccessToken);

        var edited = await (await client.PatchJsonAsync($"/api/v1/albums/{album.Id}", new { title = "Final Title", type = "EP", year = 2024, published = false }))
            .ReadJsonAsync<AlbumResponse>();
        Assert.Equal(("Final Title", "final-title", AlbumType.EP, 2024, false), (edited.Title, edited.Slug, edited.Type, edited.Year!.Value, edited.Published));
        await (await client.PatchJsonAsync($"/api/v1/albums/{album.Id}", new { title = "" })).ShouldBeValidationProblemAsync("title");
        await (await client.PatchJsonAsync($"/api/v1/albums/{album.Id}", new { type = "Mixtape" })).ShouldBeValidationProblemAsync("type");

        var profile = await (await client.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { bio = "A choir from the hills.", links = new[] { "https://example.org/choir" } }))
            .ReadJsonAsync<ArtistResponse>();
        Assert.Equal("A choir from the hills.", profile.Bio);
        Assert.Equal(["https://example.org/choir"], profile.Links);
        await (await client.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { links = new[] { "javascript:alert(1)" } })).ShouldBeValidationProblemAsync("links");
        await (await client.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { links = new[] { "ftp://example.org" } })).ShouldBeValidationProblemAsync("links");
        await (await client.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { verified = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using var admin = await factory.CreateAdminClientAsync();
        var verified = await (await admin.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { verified = true })).ReadJsonAsync<ArtistResponse>();
        Assert.True(verified.Verified);
        await (await admin.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { ownerId = Guid.NewGuid() })).ShouldBeValidationProblemAsync("ownerId");
        await (await admin.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { ownerId = Guid.Empty })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { bio = "no longer mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Others_cannot_edit_albums_or_artists()
    {
        var artist = await factory.AddArtistAsync($"Guarded {CatalogSteps.NewMarker()}", (await factory.SignInNewArtistAsync()).UserId);
        var album = await factory.AddAlbumAsync(artist.Id, "Public");
        var hidden = await factory.AddAlbumAsync(artist.Id, "Hidden", published: false);
        using var other = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);

        await (await other.PatchJsonAsync($"/api/v1/albums/{album.Id}", new { title = "Taken" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.PatchJsonAsync($"/api/v1/albums/{hidden.Id}", new { title = "Taken" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.PatchJsonAsync($"/api/v1/artists/{artist.Id}", new { name = "Taken" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PatchJsonAsync($"/api/v1/albums/{album.Id}", new { title = "x" })).StatusCode);
    }
}
