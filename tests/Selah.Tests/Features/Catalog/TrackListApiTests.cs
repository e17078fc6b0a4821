using System.Net;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Catalog;

public sealed class TrackListApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Each_filter_narrows_the_list_to_matching_tracks()
    {
        var artist = await factory.AddArtistAsync($"Filters {CatalogSteps.NewMarker()}");
        var other = await factory.AddArtistAsync($"Others {CatalogSteps.NewMarker()}");
        var album = await factory.AddAlbumAsync(artist.Id, "Psalms Vol 1");
        var shepherd = await factory.AddTrackAsync(artist.Id, "The Lord Is My Shepherd", t =>
        {
            t.AlbumId = album.Id;
            t.Themes = ["comfort", "trust"];
            t.ScriptureReferences = ["Ps.23"];
        }, genres: ["hymns"], moods: ["peaceful"]);
        var love = await factory.AddTrackAsync(artist.Id, "For God So Loved", t =>
        {
            t.Themes = ["love"];
            t.ScriptureReferences = ["John.3.16-John.3.18"];
        }, genres: ["worship"], moods: ["joyful"]);
        var thirty = await factory.AddTrackAsync(artist.Id, "Chapter Thirty", t => t.ScriptureReferences = ["John.30.1"]);
        var elsewhere = await factory.AddTrackAsync(other.Id, "Elsewhere", genres: ["hymns"]);
        using var client = factory.CreateClient();

        async Task<List<Guid>> IdsAsync(string query) =>
            (await (await client.GetAsync($"/api/v1/tracks?{query}")).ReadJsonAsync<CatalogPage<TrackResponse>>()).Items.Select(t => t.Id).ToList();

        Assert.Equal([thirty.Id, love.Id, shepherd.Id], await IdsAsync($"artistId={artist.Id}"));
        Assert.Equal([shepherd.Id], await IdsAsync($"albumId={album.Id}"));
        Assert.Equal([shepherd.Id], await IdsAsync($"artistId={artist.Id}&genre=hymns"));
        Assert.Equal([elsewhere.Id, shepherd.Id], (await IdsAsync("genre=HYMNS&limit=100")).Where(id => id == elsewhere.Id || id == shepherd.Id));
        Assert.Equal([love.Id], await IdsAsync($"artistId={artist.Id}&mood=joyful"));
        Assert.Equal([shepherd.Id], await IdsAsync($"artistId={artist.Id}&theme=trust"));
        Assert.Equal([love.Id], await IdsAsync($"artistId={artist.Id}&scripture=John.3"));
        Assert.Equal([love.Id], await IdsAsync($"artistId={artist.Id}&scripture=John.3.16"));
        Assert.Equal([thirty.Id, love.Id], await IdsAsync($"artistId={artist.Id}&scripture=John"));
        Assert.Equal([shepherd.Id], await IdsAsync($"artistId={artist.Id}&scripture=Ps.23"));
        Assert.Empty(await IdsAsync($"artistId={artist.Id}&genre=no-such-genre"));

        var detailed = (await (await client.GetAsync($"/api/v1/tracks?albumId={album.Id}")).ReadJsonAsync<CatalogPage<TrackResponse>>()).Items.Single();
        Assert.Equal("Psalms Vol 1", detailed.Album?.Title);
        Assert.Equal(artist.Name, detailed.Artist.Name);
        Assert.Equal(["hymns"], detailed.Genres.Select(g => g.Slug));
        Assert.Equal(["peaceful"], detailed.Moods.Select(m => m.Slug));
        Assert.Equal(["comfort", "trust"], detailed.Themes);
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("title")]
    [InlineData("plays")]
    [InlineData("duration")]
    public async Task Every_sort_pages_through_all_tracks_without_duplicates_or_gaps(string sort)
    {
        var artist = await factory.AddArtistAsync($"Sorting {CatalogSteps.NewMarker()}");
        var created = new List<Guid>();
        string[] titles = ["Beta", "Alpha", "Gamma", "Alpha", "Delta", "Beta", "Epsilon"];
        for (var i = 0; i < titles.Length; i++)
        {
            var n = i;
            created.Add((await factory.AddTrackAsync(artist.Id, titles[n], t =>
            {
                t.PlayCount = n % 3; // ties, so the id tie-breaker is exercised
                t.DurationSeconds = n == 2 ? null : 100 + (n % 2) * 50.5;
            })).Id);
        }

        using var client = factory.CreateClient();
        var url = $"/api/v1/tracks?artistId={artist.Id}&sort={sort}";
        var whole = (await (await client.GetAsync($"{url}&limit=100")).ReadJsonAsync<CatalogPage<TrackResponse>>()).Items;
        var paged = await client.ReadAllPagesAsync<TrackResponse>(url, 2);

        Assert.Equal(whole.Select(t => t.Id), paged.Select(t => t.Id));
        Assert.Equal(created.Order(), paged.Select(t => t.Id).Order());
        switch (sort)
        {
            case "newest":
                Assert.Equal(Enumerable.Reverse(created), paged.Select(t => t.Id));
                break;
            case "title":
                Assert.Equal(titles.Order(StringComparer.Ordinal), paged.Select(t => t.Title));
                break;
            case "plays":
                Assert.Equal(paged.Select(t => t.PlayCount).OrderDescending(), paged.Select(t => t.PlayCount));
                break;
            default:
                Assert.Equal(paged.Select(t => t.DurationSeconds ?? 0).Order(), paged.Select(t => t.DurationSeconds ?? 0));
                break;
        }
    }

    [Fact]
    public async Task Paging_newest_first_is_stable_when_tracks_are_added_between_pages()
    {
        var artist = await factory.AddArtistAsync($"Stable {CatalogSteps.NewMarker()}");
        var before = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            before.Add((await factory.AddTrackAsync(artist.Id, $"Song {i}")).Id);
        }

        using var client = factory.CreateClient();
        var first = await (await client.GetAsync($"/api/v1/tracks?artistId={artist.Id}&limit=2")).ReadJsonAsync<CatalogPage<TrackResponse>>();
        await factory.AddTrackAsync(artist.Id, "Added while paging");
        var second = await (await client.GetAsync($"/api/v1/tracks?artistId={artist.Id}&limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}"))
            .ReadJsonAsync<CatalogPage<TrackResponse>>();

        Assert.Equal(Enumerable.Reverse(before), first.Items.Concat(second.Items).Select(t => t.Id));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=99999999999999", "limit")]
    [InlineData("sort=loudest", "sort")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=%00%00", "cursor")]
    [InlineData("scripture=Hezekiah.1", "scripture")]
    [InlineData("genre=hy%00mns", "genre")]
    [InlineData("artistId=nope", "artistId")]
    [InlineData("status=ready", null)]
    public async Task Bad_query_parameters_are_400_naming_the_parameter(string query, string? field)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync($"/api/v1/tracks?{query}");
        if (field is null)
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden); // status is for artists and admins
            return;
        }

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task A_cursor_from_another_sort_is_rejected()
    {
        var artist = await factory.AddArtistAsync($"Cursor {CatalogSteps.NewMarker()}");
        await factory.AddTrackAsync(artist.Id, "One");
        await factory.AddTrackAsync(artist.Id, "Two");
        using var client = factory.CreateClient();
        var page = await (await client.GetAsync($"/api/v1/tracks?artistId={artist.Id}&limit=1&sort=title")).ReadJsonAsync<CatalogPage<TrackResponse>>();

        var response = await client.GetAsync($"/api/v1/tracks?artistId={artist.Id}&limit=1&sort=plays&cursor={Uri.EscapeDataString(page.NextCursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task Genres_and_moods_are_seeded_and_listed()
    {
        using var client = factory.CreateClient();
        var genres = await (await client.GetAsync("/api/v1/genres")).ReadJsonAsync<List<TagResponse>>();
        var moods = await (await client.GetAsync("/api/v1/moods")).ReadJsonAsync<List<TagResponse>>();

        Assert.Contains(genres, g => g is { Name: "Christian Hip-Hop", Slug: "christian-hip-hop" });
        Assert.Contains(genres, g => g is { Name: "Southern Gospel", Slug: "southern-gospel" });
        Assert.Equal(12, genres.Count(g => Selah.Server.Features.Catalog.CatalogSeeder.GenreNames.Contains(g.Name)));
        Assert.Equal(8, moods.Count(m => Selah.Server.Features.Catalog.CatalogSeeder.MoodNames.Contains(m.Name)));
        Assert.Equal(genres.Select(g => g.Name).Order(StringComparer.Ordinal), genres.Select(g => g.Name));
    }
}
