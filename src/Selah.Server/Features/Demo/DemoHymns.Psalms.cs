namespace Selah.Server.Features.Demo;

/// <summary>
/// The demo hymns. Tunes and texts are in the public domain; the ABC transcriptions were written for Selah
/// (melody only, one music line per lyric line, <c>L:1/4</c>).
/// </summary>
public static partial class DemoHymns
{
    public const string Choir = "Cedar Grove Choir";
    public const string Gospel = "Riverside Gospel Ensemble";
    public const string Strings = "Selah Chapel Strings";
    public const string Organ = "Lantern Hill Organ";

    public const string PsalmsAlbum = "Psalms and Praises";
    public const string GraceAlbum = "Hymns of Grace";
    public const string EvensongAlbum = "Strings at Evensong";
    public const string KingdomAlbum = "Fortress and Kingdom";

    public static IReadOnlyList<DemoHymn> All { get; } = [.. Psalms(), .. Grace(), .. Evensong(), .. Kingdom()];

    private static IEnumerable<DemoHymn> Psalms()
    {
        yield return new DemoHymn
        {
            Number = 1, Title = "All People That on Earth Do Dwell", Tune = "OLD HUNDREDTH", Year = 1561,
            Credits = "Words: William Kethe (1561), Psalm 100; Music: Louis Bourgeois, Genevan Psalter (1551)",
            Meter = "4/4", Key = "G", Tempo = 84, Program = 52, Artist = Choir, Album = PsalmsAlbum, TrackNumber = 1,
            Music = ["G2 G F E D G A B2 |", "B2 B B A G c B A2 |", "G2 A B A G E F G2 |", "d2 B G A c B A G2 |"],
            Stanzas =
            [
                ["All people that on earth do dwell,", "Sing to the Lord with cheerful voice;", "Him serve with fear, his praise forth tell,", "Come ye before him and rejoice."],
                ["The Lord, ye know, is God indeed;", "Without our aid he did us make;", "We are his folk, he doth us feed,", "And for his sheep he doth us take."],
                ["O enter then his gates with praise,", "Approach with joy his courts unto;", "Praise, laud, and bless his name always,", "For it is seemly so to do."],
            ],
            Scripture = ["Ps.100"], Themes = ["Praise", "Thanksgiving", "Creation"], Moods = ["Joyful", "Celebratory"], Genres = ["Hymns", "Choral"],
            VerseCues = new Dictionary<int, string> { [0] = "Ps.100.1", [1] = "Ps.100.2", [4] = "Ps.100.3", [8] = "Ps.100.4", [10] = "Ps.100.5" },
        };
        yield return new DemoHymn
        {
            Number = 2, Title = "O God, Our Help in Ages Past", Tune = "ST. ANNE", Year = 1719,
            Credits = "Words: Isaac Watts (1719), Psalm 90; Music: attributed to William Croft (1708)",
            Meter = "4/4", Key = "C", Tempo = 80, Program = 52, Artist = Choir, Album = PsalmsAlbum, TrackNumber = 2,
            Music = ["G E A G c c B c2 |", "e d c d B c2 |", "G A B c A G F E2 |", "G A G c B c2 |"],
            Stanzas =
            [
                ["O God, our help in ages past,", "Our hope for years to come,", "Our shelter from the stormy blast,", "And our eternal home."],
                ["Under the shadow of thy throne", "Thy saints have dwelt secure;", "Sufficient is thine arm alone,", "And our defence is sure."],
                ["A thousand ages in thy sight", "Are like an evening gone;", "Short as the watch that ends the night", "Before the rising sun."],
            ],
            Scripture = ["Ps.90", "Ps.90.4"], Themes = ["Faithfulness", "Eternity", "Refuge"], Moods = ["Reflective", "Peaceful"], Genres = ["Hymns", "Choral"],
        };
        yield return new DemoHymn
        {
            Number = 3, Title = "All Creatures of Our God and King", Tune = "LASST UNS ERFREUEN", Year = 1623,
            Credits = "Words: Francis of Assisi (1225), tr. William H. Draper (1919); Music: Geistliche Kirchengesäng, Cologne (1623)",
            Meter = "3/4", Key = "D", Tempo = 108, Program = 52, Artist = Choir, Album = PsalmsAlbum, TrackNumber = 3,
            Music =
            [
                "D D E F D F G A2 |", "D D E F D F G A2 |", "d c B A B c d2 |", "A A G F G E F D2 |", "A A G F G E F D2 |",
                "D F A D F A2 |", "B A G F G E F D E F E D2 |",
            ],
            Stanzas =
            [
                ["All creatures of our God and King,", "Lift up your voice and with us sing", "Alleluia! Alleluia!", "Thou burning sun with golden beam,", "Thou silver moon with softer gleam,", "O praise him! O praise him!", "Alleluia! Alleluia! Alleluia!"],
                ["Thou rushing wind that art so strong,", "Ye clouds that sail in heaven along,", "O praise him! Alleluia!", "Thou rising morn, in praise rejoice,", "Ye lights of evening, find a voice!", "O praise him! O praise him!", "Alleluia! Alleluia! Alleluia!"],
            ],
            Scripture = ["Ps.148", "Ps.148.3"], Themes = ["Creation", "Praise"], Moods = ["Joyful", "Celebratory"], Genres = ["Hymns", "Choral"],
        };
    }

    private static IEnumerable<DemoHymn> Grace()
    {
        yield return new DemoHymn
        {
            Number = 4, Title = "Amazing Grace", Tune = "NEW BRITAIN", Year = 1779,
            Credits = "Words: John Newton (1779); Music: American folk melody, Virginia Harmony (1831)",
            Meter = "3/4", Key = "G", Tempo = 96, Program = 19, Artist = Gospel, Album = GraceAlbum, TrackNumber = 1,
            Music = ["D G2 B/G/ B2 A G2 E D2 |", "D G2 B/G/ B2 A d5 |", "B/d/ d2 B/G/ B2 A G2 E D2 |", "D G2 B/G/ B2 A G5 |"],
            Stanzas =
            [
                ["Amazing grace! how sweet the sound", "That saved a wretch like me!", "I once was lost, but now am found,", "Was blind, but now I see."],
                ["'Twas grace that taught my heart to fear,", "And grace my fears relieved;", "How precious did that grace appear", "The hour I first believed!"],
                ["Through many dangers, toils and snares,", "I have already come;", "'Tis grace hath brought me safe thus far,", "And grace will lead me home."],
            ],
            Scripture = ["Eph.2.8", "John.9.25", "1Chr.17.16"], Themes = ["Grace", "Redemption", "Testimony"], Moods = ["Reflective", "Hopeful"], Genres = ["Hymns", "Gospel"],
        };
        yield return new DemoHymn
        {
            Number = 5, Title = "Come, Thou Fount of Every Blessing", Tune = "NETTLETON", Year = 1758,
            Credits = "Words: Robert Robinson (1758); Music: Wyeth's Repository of Sacred Music, Part Second (1813)",
            Meter = "3/4", Key = "D", Tempo = 104, Program = 19, Artist = Gospel, Album = GraceAlbum, TrackNumber = 2,
            Music =
            [
                "A F D F E D F A B A2 |", "A F D F E D E F D2 |", "A F D F E D F A B A2 |", "A F D F E D E F D2 |",
                "A d c B A F A B A2 |", "A d c B A F A B A2 |", "A F D F E D F A B A2 |", "A F D F E D E F D2 |",
            ],
            Stanzas =
            [
                ["Come, thou Fount of every blessing,", "Tune my heart to sing thy grace;", "Streams of mercy, never ceasing,", "Call for songs of loudest praise.", "Teach me some melodious sonnet,", "Sung by flaming tongues above;", "Praise the mount! I'm fixed upon it,", "Mount of thy redeeming love."],
                ["Here I raise mine Ebenezer;", "Hither by thy help I'm come;", "And I hope, by thy good pleasure,", "Safely to arrive at home.", "Jesus sought me when a stranger,", "Wandering from the fold of God;", "He, to rescue me from danger,", "Interposed his precious blood."],
            ],
            Scripture = ["1Sam.7.12", "Lam.3.22-Lam.3.23"], Themes = ["Grace", "Faithfulness", "Gratitude"], Moods = ["Joyful", "Hopeful"], Genres = ["Hymns", "Gospel"],
        };
        yield return new DemoHymn
        {
            Number = 6, Title = "O for a Thousand Tongues to Sing", Tune = "AZMON", Year = 1739,
            Credits = "Words: Charles Wesley (1739); Music: Carl G. Gläser (1828), arr. Lowell Mason (1839)",
            Meter = "3/4", Key = "G", Tempo = 100, Program = 19, Artist = Gospel, Album = GraceAlbum, TrackNumber = 3,
            Music = ["D G2 A B2 B c B A2 |", "B d2 c B A G2 |", "A B2 c d2 B G2 A B2 |", "B A G2 E F G3 |"],
            Stanzas =
            [
                ["O for a thousand tongues to sing", "My great Redeemer's praise,", "The glories of my God and King,", "The triumphs of his grace!"],
                ["My gracious Master and my God,", "Assist me to proclaim,", "To spread through all the earth abroad", "The honours of thy name."],
                ["Jesus! the name that charms our fears,", "That bids our sorrows cease;", "'Tis music in the sinner's ears,", "'Tis life, and health, and peace."],
            ],
            Scripture = ["Ps.35.28", "Phil.2.9-Phil.2.11"], Themes = ["Praise", "The Name of Jesus", "Salvation"], Moods = ["Celebratory", "Joyful"], Genres = ["Hymns", "Gospel"],
        };
    }
}
