using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Demo;
using SkiaSharp;

namespace Selah.Tests.Features.Demo;

/// <summary>The demo hymn data: complete, consistent with the catalogue's vocabularies and its own tunes.</summary>
public sealed partial class DemoHymnsTests
{
    public static TheoryData<int> Hymns => [.. DemoHymns.All.Select(h => h.Number)];

    private static DemoHymn Hymn(int number) => DemoHymns.All.Single(h => h.Number == number);

    [Fact]
    public void There_are_at_least_twelve_distinct_hymns_on_three_or_more_albums()
    {
        Assert.True(DemoHymns.All.Count >= 12);
        Assert.Equal(DemoHymns.All.Count, DemoHymns.All.Select(h => h.Isrc).Distinct().Count());
        Assert.Equal(DemoHymns.All.Count, DemoHymns.All.Select(h => h.Title).Distinct().Count());
        Assert.InRange(DemoCatalog.Albums.Count, 3, 4);
        Assert.All(DemoHymns.All, h => Assert.Contains(DemoCatalog.Albums, a => a.Title == h.Album && a.Artist == h.Artist));
        Assert.All(DemoCatalog.Albums, a => Assert.Contains(DemoCatalog.Artists, artist => artist.Name == a.Artist));
        foreach (var album in DemoHymns.All.GroupBy(h => h.Album))
        {
            Assert.Equal(Enumerable.Range(1, album.Count()), album.Select(h => h.TrackNumber).Order());
        }
    }

    [Theory]
    [MemberData(nameof(Hymns))]
    public void Hymn_has_lyrics_scripture_genre_and_known_moods(int number)
    {
        var hymn = Hymn(number);

        Assert.True(hymn.Stanzas.Count >= 2, "at least two stanzas");
        Assert.All(hymn.Stanzas, stanza => Assert.Equal(hymn.Music.Count, stanza.Count)); // one music line per lyric line
        Assert.All(hymn.Stanzas.SelectMany(s => s), line => Assert.False(string.IsNullOrWhiteSpace(line)));
        Assert.NotEmpty(hymn.Scripture);
        Assert.All(hymn.Scripture, reference => Assert.True(OsisReferences.IsValid(reference), $"{reference} is OSIS"));
        Assert.Contains("Hymns", hymn.Genres);
        Assert.All(hymn.Genres, g => Assert.Contains(g, CatalogSeeder.GenreNames));
        Assert.NotEmpty(hymn.Moods);
        Assert.All(hymn.Moods, m => Assert.Contains(m, CatalogSeeder.MoodNames));
        Assert.NotEmpty(hymn.Themes);
        Assert.Matches("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$", hymn.Isrc);
    }

    [Theory]
    [MemberData(nameof(Hymns))]
    public void Lrc_timings_start_at_zero_rise_strictly_and_end_before_the_music(int number)
    {
        var hymn = Hymn(number);
        var lrc = hymn.ToLrc().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => TimeTag().IsMatch(l)).ToList();

        var times = lrc.Select(l => TimeTag().Match(l)).Select(m =>
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 60 + double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(hymn.Stanzas.Sum(s => s.Count), times.Count);
        Assert.Equal(0, times[0]);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} after {pair.First}"));
        Assert.True(times[^1] < hymn.MusicSeconds, $"last line at {times[^1]} s, music {hymn.MusicSeconds} s");
        Assert.Equal(hymn.Stanzas[1][0], TimeTag().Replace(lrc[hymn.Music.Count], ""));
    }

    [Theory]
    [MemberData(nameof(Hymns))]
    public void Metadata_sent_to_the_upload_pipeline_passes_its_validation(int number)
    {
        var hymn = Hymn(number);
        var request = DemoSeeder.MetadataFor(hymn);
        var errors = new List<ValidationResult>();

        Assert.True(Validator.TryValidateObject(request, new ValidationContext(request), errors, validateAllProperties: true),
            string.Join("; ", errors.Select(e => e.ErrorMessage)));
        Assert.Null(TrackMetadataRules.FirstError(request)); // the catalogue's own rules (OSIS, LRC, credit and theme lengths)
        Assert.Equal(hymn.Isrc, request.Isrc);
    }

    [Theory]
    [InlineData("G2 G F E D G A B2 |", 10)]
    [InlineData("D G2 B/G/ B2 A G2 E D2 |", 12)]
    [InlineData("^F,3/2 _B' z/4 \"Am\"c//", 3)]
    public void Beats_are_counted_from_note_lengths(string line, double beats) => Assert.Equal(beats, DemoHymn.Beats(line), 6);

    [Fact]
    public void Cover_art_is_a_square_webp_with_the_gradient()
    {
        var album = DemoCatalog.Albums[0];
        var bytes = DemoCoverArt.Render(album.Title, album.Artist, album.From, album.To);

        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        using var image = SKBitmap.Decode(bytes);
        Assert.Equal(DemoCoverArt.Size, image.Width);
        Assert.Equal(DemoCoverArt.Size, image.Height);
        var topLeft = image.GetPixel(2, 2);
        var bottomRight = image.GetPixel(DemoCoverArt.Size - 3, DemoCoverArt.Size - 3);
        Assert.InRange(Math.Abs(topLeft.Red - album.From.Red), 0, 12);
        Assert.InRange(Math.Abs(bottomRight.Red - album.To.Red), 0, 12);
    }

    [GeneratedRegex(@"^\[(\d{2}):(\d{2}\.\d{2})\]")]
    private static partial Regex TimeTag();
}
