namespace Selah.Client.Pages.Profile;

/// <summary>The fixed choices the profile form offers.</summary>
public static class ProfileChoices
{
    public sealed record Translation(string Id, string Name);

    public static IReadOnlyList<Translation> Translations { get; } =
    [
        new("kjv", "King James Version"),
        new("web", "World English Bible"),
        new("sparv", "Reina-Valera 1909"),
    ];

    public static IReadOnlyList<string> Genres { get; } =
    [
        "Worship", "Gospel", "Hymns", "Contemporary Christian", "Christian Hip-Hop", "Choral", "Instrumental", "Southern Gospel", "Kids",
    ];
}
