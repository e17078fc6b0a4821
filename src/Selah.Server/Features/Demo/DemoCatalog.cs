using SkiaSharp;
using Selah.Contracts.Catalog;

namespace Selah.Server.Features.Demo;

/// <summary>The fictional ensembles and albums that the demo hymns belong to.</summary>
public static class DemoCatalog
{
    public sealed record DemoArtist(string Name, string Bio);

    public sealed record DemoAlbum(string Title, string Artist, int Year, AlbumType Type, SKColor From, SKColor To);

    public static IReadOnlyList<DemoArtist> Artists { get; } =
    [
        new(DemoHymns.Choir, "A fictional community choir that sings the psalms and hymns of the church in four parts. Demo content, recorded on this server."),
        new(DemoHymns.Gospel, "A fictional gospel ensemble with a warm organ sound, singing the hymns of grace. Demo content, recorded on this server."),
        new(DemoHymns.Strings, "A fictional string ensemble playing evening hymns. Demo content, recorded on this server."),
        new(DemoHymns.Organ, "A fictional parish organist playing the great hymns of the Reformation and Advent. Demo content, recorded on this server."),
    ];

    public static IReadOnlyList<DemoAlbum> Albums { get; } =
    [
        new(DemoHymns.PsalmsAlbum, DemoHymns.Choir, 2026, AlbumType.Album, new SKColor(0x1f, 0x4e, 0x5f), new SKColor(0x8f, 0xb9, 0xa8)),
        new(DemoHymns.GraceAlbum, DemoHymns.Gospel, 2026, AlbumType.Album, new SKColor(0x5a, 0x2a, 0x27), new SKColor(0xd9, 0x8e, 0x4a)),
        new(DemoHymns.EvensongAlbum, DemoHymns.Strings, 2026, AlbumType.EP, new SKColor(0x1b, 0x1f, 0x3b), new SKColor(0x6c, 0x5b, 0x9e)),
        new(DemoHymns.KingdomAlbum, DemoHymns.Organ, 2026, AlbumType.EP, new SKColor(0x2e, 0x3a, 0x1f), new SKColor(0xb8, 0x9b, 0x5e)),
    ];
}
