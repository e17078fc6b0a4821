using System.Text;
using Selah.Server.Features.Scripture;

namespace Selah.Tests.Features.Scripture;

public sealed class ReferenceParserRobustnessTests
{
    private static readonly string[] Pieces =
    [
        "John", "Jn", "1", "2", "3", "Ps", "Jude", "Gen", "Rev", "Obad", "II", "Kings", "Song of", "Songs", ":", "-", "\u2013", ",", ";",
        " ", "  ", ".", "v", "999", "0", "150", "22", "a", "ff", "Exod", "Phlm", "3 John", "Is", "Mark", "\u00A0", "\n", "é", "🙏",
    ];

    /// <summary>Random fragments of references never throw and always give real, ordered verses located inside the text.</summary>
    [Fact]
    public void Random_fragments_give_only_valid_passages()
    {
        var random = new Random(5);
        var found = 0;
        for (var k = 0; k < 50_000; k++)
        {
            var text = new StringBuilder();
            for (var j = random.Next(1, 14); j > 0; j--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var input = text.ToString();
            foreach (var p in ReferenceParser.Parse(input))
            {
                found++;
                Assert.True(Valid(p.Start) && Valid(p.End), $"'{input}' gave {p}");
                Assert.True(Order(p.Start, p.End) <= 0, $"'{input}' gave a backwards {p}");
                Assert.InRange(p.Index, 0, input.Length - 1);
                Assert.InRange(p.Index + p.Length, 1, input.Length);
                Assert.Matches(@"^[1-3]?[A-Z][a-z]+(\.\d+){0,2}(-[1-3]?[A-Z][a-z]+(\.\d+){0,2})?$", p.Osis());
            }
        }

        Assert.True(found > 1000, $"only {found} passages in the random texts");
    }

    [Theory]
    [InlineData("")]
    [InlineData("John")]
    [InlineData("John ")]
    [InlineData("John 3:")]
    [InlineData("John 3:16-")]
    [InlineData("John 3:16,")]
    [InlineData("John 1000:1")]
    [InlineData("John 3:1000")]
    [InlineData("Jude 0")]
    [InlineData("Ps 0:0")]
    public void Incomplete_or_impossible_references_give_nothing_or_the_valid_part(string text)
    {
        var passages = ReferenceParser.Parse(text);

        Assert.All(passages, p => Assert.True(Valid(p.Start) && Valid(p.End)));
    }

    private static bool Valid(VersePoint point) =>
        point.Book is >= 0 and < BookAliases.BookCount && point.Chapter >= 1 && point.Verse >= 1
        && point.Verse <= ScriptureCanon.VerseCount(point.Book, point.Chapter);

    private static int Order(VersePoint a, VersePoint b) =>
        a.Book != b.Book ? a.Book.CompareTo(b.Book) : a.Chapter != b.Chapter ? a.Chapter.CompareTo(b.Chapter) : a.Verse.CompareTo(b.Verse);
}
