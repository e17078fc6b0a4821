using System.Net;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Search;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Search;

/// <summary><c>GET /api/v1/search</c>: ranking, prefix, typos, visibility, paging, index upkeep and bad input.</summary>
public sealed class SearchApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    /// <summary>A made-up word of letters only (so typo tests are about letters), unique per call.</summary>
    private static string NewWord() => "q" + string.Concat(Guid.NewGuid().ToString("N")[..9].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16) % 26)));

    private static async Task<SearchResponse> SearchAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/v1/search?{query}")).ReadJsonAsync<SearchResponse>();

    [Fact]
    public async Task A_title_match_outranks_an_artist_match_which_outranks_a_lyrics_match()
    {
        var word = NewWord();
        var artist = await factory.AddArtistAsync($"Psalmists {CatalogSteps.NewMarker()}");
        var byLyrics = await factory.AddTrackAsync(artist.Id, "Evening hymn", t => t.Lyrics = $"we sing {word} {word} {word} all night long");
        var byTitle = await factory.AddTrackAsync(artist.Id, $"The {word} song");
        var namedArtist = await factory.AddArtistAsync($"{word} singers");
        var byArtist = await factory.AddTrackAsync(namedArtist.Id, "Morning hymn");
        using var client = factory.CreateClient();

        var found = await SearchAsync(client, $"q={word}&type=track");
        Assert.Equal([byTitle.Id, byArtist.Id, byLyrics.Id], found.Tracks!.Items.Select(t => t.Id));
        Assert.Null(found.Albums);
    }

    [Fact]
    public async Task Prefixes_find_as_you_type_and_typos_are_tolerated()
    {
        var artist = await factory.AddArtistAsync($"John Newton {CatalogSteps.NewMarker()}");
        var grace = await factory.AddTrackAsync(artist.Id, "Amazing Grace", t => t.Lyrics = "how sweet the sound that saved a wretch like me");
        var word = NewWord();
        var rare = await factory.AddTrackAsync(artist.Id, $"Hymn of {word}");
        using var client = factory.CreateClient();

        Assert.Contains(grace.Id, (await SearchAsync(client, "q=amaz&type=track&limit=50")).Tracks!.Items.Select(t => t.Id));
        Assert.Contains(grace.Id, (await SearchAsync(client, "q=amazing%20gr&type=track&limit=50")).Tracks!.Items.Select(t => t.Id));
        Assert.Contains(grace.Id, (await SearchAsync(client, "q=amazng%20grace&type=track&limit=50")).Tracks!.Items.Select(t => t.Id));
        Assert.Equal([rare.Id], (await SearchAsync(client, $"q={word[..5]}&type=track")).Tracks!.Items.Select(t => t.Id));
        var typo = word.Remove(4, 1); // one letter missing
        Assert.Equal([rare.Id], (await SearchAsync(client, $"q=hymn%20of%20{typo}&type=track")).Tracks!.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task A_word_added_after_start_up_is_found_through_two_typos_and_a_lyrics_word_through_one()
    {
        // The typo path corrects each unknown word against the indexed words (kept up to date by the index upkeep on
        // both providers), so a word that arrived with a new track is known at once.
        var artist = await factory.AddArtistAsync($"Scribes {CatalogSteps.NewMarker()}");
        var word = NewWord();
        var lyric = NewWord();
        var track = await factory.AddTrackAsync(artist.Id, $"Song of {word}", t => t.Lyrics = $"we lift {lyric} on high");
        using var client = factory.CreateClient();

        var chars = word.ToCharArray();
        (chars[3], chars[4]) = (chars[4], chars[3]);          // two letters swapped …
        var twoTypos = new string(chars).Remove(7, 1);        // … and one missing
        Assert.Equal([track.Id], (await SearchAsync(client, $"q={twoTypos}&type=track")).Tracks!.Items.Select(t => t.Id));
        Assert.Equal([track.Id], (await SearchAsync(client, $"q={lyric.Remove(5, 1)}&type=track")).Tracks!.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task Unpublished_tracks_are_found_only_by_their_owner()
    {
        var word = NewWord();
        var owner = await factory.SignInNewArtistAsync();
        var artist = await factory.AddArtistAsync($"Studio {CatalogSteps.NewMarker()}", owner.UserId);
        var draft = await factory.AddTrackAsync(artist.Id, $"Draft {word}", t => { t.Published = false; t.UploadedById = owner.UserId; });
        using var anonymous = factory.CreateClient();
        var stranger = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var ownerClient = factory.CreateClient(owner.AccessToken);

        Assert.Empty((await SearchAsync(anonymous, $"q={word}")).Tracks!.Items);
        Assert.Empty((await SearchAsync(stranger, $"q={word}")).Tracks!.Items);
        Assert.Equal([draft.Id], (await SearchAsync(ownerClient, $"q={word}")).Tracks!.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task Albums_artists_and_public_playlists_are_found_by_name()
    {
        var word = NewWord();
        var artist = await factory.AddArtistAsync($"{word} Choir");
        var album = await factory.AddAlbumAsync(artist.Id, $"Vespers of {word}");
        var hidden = await factory.AddAlbumAsync(artist.Id, $"Unreleased {word}", published: false);
        await factory.AddTrackAsync(artist.Id, "Magnificat", t => t.AlbumId = album.Id); // typo correction knows the words of indexed tracks
        var owner = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        await owner.PostJsonAsync("/api/v1/playlists", new { name = $"Private {word}", isPublic = false });
        var shown = await (await owner.PostJsonAsync("/api/v1/playlists", new { name = $"Public {word}", isPublic = true }))
            .ReadJsonAsync<Selah.Contracts.Library.PlaylistResponse>(HttpStatusCode.Created);
        using var anonymous = factory.CreateClient();

        var all = await SearchAsync(anonymous, $"q={word}");
        Assert.Equal([artist.Id], all.Artists!.Items.Select(a => a.Id));
        Assert.Equal([album.Id], all.Albums!.Items.Select(a => a.Id));
        Assert.DoesNotContain(hidden.Id, all.Albums.Items.Select(a => a.Id));
        Assert.Equal([shown.Id], all.Playlists!.Items.Select(p => p.Id));
        Assert.Equal(2, (await SearchAsync(owner, $"q={word}&type=playlist")).Playlists!.Items.Count);
        Assert.Equal([artist.Id], (await SearchAsync(anonymous, $"q={word.Remove(3, 1)}&type=artist")).Artists!.Items.Select(a => a.Id));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_repeats()
    {
        var word = NewWord();
        var artist = await factory.AddArtistAsync($"Cantors {CatalogSteps.NewMarker()}");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await factory.AddTrackAsync(artist.Id, i < 3 ? $"{word} {i}" : $"Canticle {i}", t => t.Lyrics = i < 3 ? null : $"lyrics of {word}")).Id);
        }

        using var client = factory.CreateClient();
        var seen = new List<Guid>();
        string? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            var result = await SearchAsync(client, $"q={word}&type=track&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(result.Tracks!.Items.Select(t => t.Id));
            cursor = result.Tracks.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(5, seen.Count);
        Assert.Equal(ids.ToHashSet(), seen.ToHashSet());
        Assert.Equal(ids.Take(3).ToHashSet(), seen.Take(3).ToHashSet()); // the title matches come before the lyrics matches
        await (await client.GetAsync($"/api/v1/search?q=other&type=track&cursor={Uri.EscapeDataString(cursor ?? "x")}")).ShouldBeValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task Paging_many_equal_matches_with_hidden_ones_among_them_finds_each_visible_track_once()
    {
        // Ranking is capped to a few times the page size before visibility is applied; ties and hidden rows must not
        // make a page skip or repeat a track.
        var word = NewWord();
        var artist = await factory.AddArtistAsync($"Chorale {CatalogSteps.NewMarker()}");
        var visible = new HashSet<Guid>();
        for (var i = 0; i < 30; i++)
        {
            var track = await factory.AddTrackAsync(artist.Id, $"{word} hymn", t => t.Published = i % 5 is not (1 or 2));
            if (i % 5 is not (1 or 2))
            {
                visible.Add(track.Id);
            }
        }

        using var client = factory.CreateClient();
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var result = await SearchAsync(client, $"q={word}&type=track&limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(result.Tracks!.Items.Select(t => t.Id));
            cursor = result.Tracks.NextCursor;
        }
        while (cursor is not null && seen.Count < 100);

        Assert.Equal(visible.Count, seen.Count);
        Assert.Equal(visible, seen.ToHashSet());
    }

    [Fact]
    public async Task The_index_follows_title_artist_and_delete_changes()
    {
        var before = NewWord();
        var after = NewWord();
        var artistWord = NewWord();
        var artist = await factory.AddArtistAsync($"Readers {CatalogSteps.NewMarker()}");
        var track = await factory.AddTrackAsync(artist.Id, $"Song {before}");
        using var client = factory.CreateClient();
        Assert.Single((await SearchAsync(client, $"q={before}&type=track")).Tracks!.Items);

        await factory.WithDbAsync(async db => await db.Tracks.Where(t => t.Id == track.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, $"Song {after}")));
        await factory.WithDbAsync(async db => await db.Artists.Where(a => a.Id == artist.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, $"Readers {artistWord}")));
        Assert.Empty((await SearchAsync(client, $"q={before}&type=track")).Tracks!.Items);
        Assert.Equal([track.Id], (await SearchAsync(client, $"q={after}&type=track")).Tracks!.Items.Select(t => t.Id));
        Assert.Equal([track.Id], (await SearchAsync(client, $"q={artistWord}&type=track")).Tracks!.Items.Select(t => t.Id));

        await factory.WithDbAsync(async db => await db.Tracks.Where(t => t.Id == track.Id).ExecuteDeleteAsync());
        Assert.Empty((await SearchAsync(client, $"q={after}&type=track")).Tracks!.Items);
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_naming_the_field()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/search")).ShouldBeValidationProblemAsync("q");
        await (await client.GetAsync("/api/v1/search?q=%20%20")).ShouldBeValidationProblemAsync("q");
        await (await client.GetAsync($"/api/v1/search?q={new string('a', 201)}")).ShouldBeValidationProblemAsync("q");
        await (await client.GetAsync("/api/v1/search?q=grace&type=song")).ShouldBeValidationProblemAsync("type");
        await (await client.GetAsync("/api/v1/search?q=grace&limit=0")).ShouldBeValidationProblemAsync("limit");
        await (await client.GetAsync("/api/v1/search?q=grace&limit=51")).ShouldBeValidationProblemAsync("limit");
        await (await client.GetAsync("/api/v1/search?q=grace&cursor=abc")).ShouldBeValidationProblemAsync("cursor");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/search?q={new string('a', 200)}")).StatusCode);

        // FTS and tsquery syntax in the text is only text.
        foreach (var text in new[] { "\"", "grace*", "NOT grace", "a:* & !b", "(((", "-", "{title}: x", "' OR 1=1 --" })
        {
            var response = await client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(text)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
