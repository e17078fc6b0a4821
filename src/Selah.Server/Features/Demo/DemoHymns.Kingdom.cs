namespace Selah.Server.Features.Demo;

public static partial class DemoHymns
{
    private static IEnumerable<DemoHymn> Evensong()
    {
        yield return new DemoHymn
        {
            Number = 7, Title = "Be Thou My Vision", Tune = "SLANE", Year = 1912,
            Credits = "Words: Irish, 8th c., tr. Mary E. Byrne (1905), versified by Eleanor H. Hull (1912); Music: Irish folk melody",
            Meter = "3/4", Key = "D", Tempo = 96, Program = 48, Artist = Strings, Album = EvensongAlbum, TrackNumber = 1,
            Music = ["D D E D B, A, B, D D E2 |", "F A B A F A d c B A2 |", "d e f e d B A B d2 |", "A F A B, D E F E D D2 |"],
            Stanzas =
            [
                ["Be thou my Vision, O Lord of my heart,", "Be all else but naught to me, save that thou art;", "Be thou my best thought in the day and the night,", "Both waking and sleeping, thy presence my light."],
                ["Be thou my Wisdom, be thou my true Word,", "Be thou ever with me, and I with thee, Lord;", "Be thou my great Father, and I thy true son;", "Be thou in me dwelling, and I with thee one."],
            ],
            Scripture = ["Ps.27.4", "Eph.1.18"], Themes = ["Devotion", "Wisdom", "Presence of God"], Moods = ["Prayerful", "Contemplative"], Genres = ["Hymns", "Instrumental"],
        };
        yield return new DemoHymn
        {
            Number = 8, Title = "Holy, Holy, Holy", Tune = "NICAEA", Year = 1826,
            Credits = "Words: Reginald Heber (1826); Music: John B. Dykes (1861)",
            Meter = "4/4", Key = "D", Tempo = 84, Program = 48, Artist = Strings, Album = EvensongAlbum, TrackNumber = 2,
            Music = ["D D F F A2 A2 B2 B2 B A F2 |", "A2 A A d2 d c B2 B A G F E2 |", "D D F F A2 A2 B2 B B A2 F F2 |", "d2 d2 B2 A G F2 E2 F E D2 |"],
            Stanzas =
            [
                ["Holy, holy, holy! Lord God Almighty!", "Early in the morning our song shall rise to thee;", "Holy, holy, holy! merciful and mighty!", "God in three persons, blessed Trinity!"],
                ["Holy, holy, holy! all the saints adore thee,", "Casting down their golden crowns around the glassy sea;", "Cherubim and seraphim falling down before thee,", "Which wert, and art, and evermore shalt be."],
            ],
            Scripture = ["Isa.6.3", "Rev.4.8"], Themes = ["Holiness", "Trinity", "Worship"], Moods = ["Reflective", "Celebratory"], Genres = ["Hymns", "Instrumental"],
        };
        yield return new DemoHymn
        {
            Number = 9, Title = "Come, Thou Almighty King", Tune = "ITALIAN HYMN", Year = 1757,
            Credits = "Words: anonymous (c. 1757); Music: Felice de Giardini (1769)",
            Meter = "3/4", Key = "G", Tempo = 108, Program = 48, Artist = Strings, Album = EvensongAlbum, TrackNumber = 3,
            Music = ["G2 B d2 c B A2 |", "B c d2 c B A2 |", "d2 B c A2 |", "G A B2 c B A2 |", "B c d2 e d c2 |", "d c B A G A2 |", "B A2 A G3 |"],
            Stanzas =
            [
                ["Come, thou almighty King,", "Help us thy name to sing,", "Help us to praise!", "Father, all glorious,", "O'er all victorious,", "Come, and reign over us,", "Ancient of Days!"],
                ["Come, thou incarnate Word,", "Gird on thy mighty sword,", "Our prayer attend!", "Come, and thy people bless,", "And give thy word success;", "Spirit of holiness,", "On us descend!"],
            ],
            Scripture = ["Dan.7.9", "Ps.47.7"], Themes = ["Trinity", "Worship", "Kingship"], Moods = ["Celebratory", "Prayerful"], Genres = ["Hymns", "Instrumental"],
        };
    }

    private static IEnumerable<DemoHymn> Kingdom()
    {
        yield return new DemoHymn
        {
            Number = 10, Title = "A Mighty Fortress Is Our God", Tune = "EIN FESTE BURG", Year = 1529,
            Credits = "Words: Martin Luther (1529), tr. Frederick H. Hedge (1853); Music: Martin Luther (1529)",
            Meter = "4/4", Key = "C", Tempo = 88, Program = 19, Artist = Organ, Album = KingdomAlbum, TrackNumber = 1,
            Music =
            [
                "c c c G A B c2 G2 |", "c B A G F E C2 |", "c c c G A B c2 G2 |", "c B A G F E C2 |",
                "G A B c B A2 |", "G E F G A G2 |", "c B A G A B2 |", "c c c G A B2 |", "c B A G F E C2 |",
            ],
            Stanzas =
            [
                ["A mighty fortress is our God,", "A bulwark never failing;", "Our helper he amid the flood", "Of mortal ills prevailing:", "For still our ancient foe", "Doth seek to work us woe;", "His craft and power are great,", "And, armed with cruel hate,", "On earth is not his equal."],
                ["Did we in our own strength confide,", "Our striving would be losing;", "Were not the right man on our side,", "The man of God's own choosing:", "Dost ask who that may be?", "Christ Jesus, it is he;", "Lord Sabaoth his name,", "From age to age the same,", "And he must win the battle."],
            ],
            Scripture = ["Ps.46", "Ps.46.1"], Themes = ["Refuge", "Victory", "Reformation"], Moods = ["Energetic", "Hopeful"], Genres = ["Hymns", "Instrumental"],
        };
        yield return new DemoHymn
        {
            Number = 11, Title = "Jesus Shall Reign", Tune = "DUKE STREET", Year = 1719,
            Credits = "Words: Isaac Watts (1719), Psalm 72; Music: attributed to John Hatton (1793)",
            Meter = "4/4", Key = "D", Tempo = 96, Program = 19, Artist = Organ, Album = KingdomAlbum, TrackNumber = 2,
            Music = ["D2 F G A B A G F2 |", "E F G F E D E F2 |", "A A B c d c B A2 |", "d A B G F E E D2 |"],
            Stanzas =
            [
                ["Jesus shall reign where'er the sun", "Does his successive journeys run;", "His kingdom stretch from shore to shore,", "Till moons shall wax and wane no more."],
                ["People and realms of every tongue", "Dwell on his love with sweetest song;", "And infant voices shall proclaim", "Their early blessings on his name."],
            ],
            Scripture = ["Ps.72", "Ps.72.8"], Themes = ["Kingdom", "Mission"], Moods = ["Celebratory", "Hopeful"], Genres = ["Hymns", "Instrumental"],
        };
        yield return new DemoHymn
        {
            Number = 12, Title = "On Jordan's Bank the Baptist's Cry", Tune = "WINCHESTER NEW", Year = 1736,
            Credits = "Words: Charles Coffin (1736), tr. John Chandler (1837); Music: Musikalisches Handbuch, Hamburg (1690)",
            Meter = "4/4", Key = "D", Tempo = 88, Program = 19, Artist = Organ, Album = KingdomAlbum, TrackNumber = 3,
            Music = ["D2 D F A d c B A2 |", "A B c d A G F E2 |", "F G A B A G F E2 |", "D F E D C D E D2 |"],
            Stanzas =
            [
                ["On Jordan's bank the Baptist's cry", "Announces that the Lord is nigh;", "Awake and hearken, for he brings", "Glad tidings of the King of kings."],
                ["Then cleansed be every breast from sin;", "Make straight the way for God within;", "Prepare we in our hearts a home,", "Where such a mighty guest may come."],
            ],
            Scripture = ["Matt.3.3", "Isa.40.3"], Themes = ["Advent", "Preparation", "Repentance"], Moods = ["Hopeful", "Reflective"], Genres = ["Hymns", "Instrumental"],
        };
    }
}
