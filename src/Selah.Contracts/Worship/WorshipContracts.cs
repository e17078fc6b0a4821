using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Worship;

public static class WorshipLimits
{
    public const int ChordProMaxLength = 100_000;
    public const int TitleMaxLength = 200;
}

/// <summary>Transposes a ChordPro sheet by <see cref="Semitones"/>, or to <see cref="TargetKey"/> when that is given.</summary>
public sealed record TransposeRequest
{
    /// <summary>The sheet in ChordPro format.</summary>
    [Required(ErrorMessage = "ChordPro text is required.")]
    public string ChordPro { get; init; } = "";

    /// <summary>−11 to 11; ignored when <see cref="TargetKey"/> is given.</summary>
    [Range(-11, 11, ErrorMessage = "Semitones must be between -11 and 11.")]
    public int Semitones { get; init; }

    /// <summary>Optional key to transpose to, e.g. <c>G</c>, <c>Bb</c>, <c>F#m</c>.</summary>
    [MaxLength(8, ErrorMessage = "Target key must be at most 8 characters.")]
    public string? TargetKey { get; init; }
}

/// <summary>ChordPro text to render as a sheet (the editor's live preview).</summary>
public sealed record RenderChordProRequest
{
    [Required(ErrorMessage = "ChordPro text is required.")]
    public string ChordPro { get; init; } = "";
}

/// <summary>Someone who can be put on a set list's team.</summary>
public sealed record TeamCandidate(Guid UserId, string DisplayName);

/// <summary>The transposed sheet and its key (null when the sheet has neither a key nor chords).</summary>
public sealed record TransposeResponse(string ChordPro, string? Key);

/// <summary>One chord, or a free annotation (then <see cref="Chord"/> is null), and the lyrics that follow it.</summary>
public sealed record SheetSegment(string? Chord, string Lyrics);

/// <summary>A line of a rendered sheet: <c>lyrics</c> (segments), <c>comment</c>, <c>tab</c> (verbatim text) or <c>chorus</c> (repeat the chorus).</summary>
public sealed record SheetLineResponse(string Kind, IReadOnlyList<SheetSegment> Segments, string? Text);

/// <summary>A section: its type (<c>verse</c>, <c>chorus</c>, <c>bridge</c>, <c>tab</c>, … or <c>none</c>), label and sequence code (<c>V1</c>, <c>C</c>, <c>B</c>).</summary>
public sealed record SheetSectionResponse(string Type, string? Label, string? Code, IReadOnlyList<SheetLineResponse> Lines);

/// <summary>
/// A sheet ready to draw: in <c>chords</c> view chords are the sounding chords in <see cref="Key"/>, or with a capo the
/// shapes in <see cref="ShapeKey"/>; in <c>nashville</c> view they are numbers relative to the key; <c>lyrics</c> has none.
/// </summary>
public sealed record RenderedSheetResponse(
    string? Title, string? Subtitle, string? Artist, string? Key, int Capo, string? ShapeKey, string? Tempo, string? Time,
    string View, IReadOnlyList<SheetSectionResponse> Sections);

/// <summary>Query of the rendered sheet: the key to play in, a capo and the view.</summary>
public sealed record SheetQuery(
    [property: Description("Key to transpose to, e.g. G, Bb, F#m. Default: the arrangement's key.")] string? Key,
    [property: Description("Capo fret 0–11: chords become the shapes to finger."), DefaultValue(0)] int? Capo,
    [property: Description("chords (default), nashville or lyrics."), DefaultValue("chords")] string? View);

/// <summary>Creates or replaces a song's details.</summary>
public sealed record SongRequest
{
    [Required(ErrorMessage = "Title is required."), MaxLength(WorshipLimits.TitleMaxLength, ErrorMessage = "Title must be at most 200 characters.")]
    public string Title { get; init; } = "";

    [MaxLength(10, ErrorMessage = "At most 10 authors.")]
    public IReadOnlyList<string>? Authors { get; init; }

    [MaxLength(300, ErrorMessage = "Copyright must be at most 300 characters.")]
    public string? Copyright { get; init; }

    /// <summary>CCLI song number (digits).</summary>
    [RegularExpression("^[0-9]{1,10}$", ErrorMessage = "CCLI number must be 1–10 digits.")]
    public string? CcliNumber { get; init; }

    [MaxLength(20, ErrorMessage = "At most 20 themes.")]
    public IReadOnlyList<string>? Themes { get; init; }

    /// <summary>OSIS references such as <c>Ps.23</c> or <c>Rom.8.28-Rom.8.39</c>.</summary>
    [MaxLength(50, ErrorMessage = "At most 50 scripture references.")]
    public IReadOnlyList<string>? ScriptureReferences { get; init; }

    /// <summary>Catalogue tracks of this song (recordings); each must be visible to the caller.</summary>
    [MaxLength(20, ErrorMessage = "At most 20 linked tracks.")]
    public IReadOnlyList<Guid>? TrackIds { get; init; }
}

public sealed record LinkedTrack(Guid Id, string Title, string Artist);

public sealed record ArrangementSummary(Guid Id, string Name, string? Key, int? Tempo, string? TimeSignature, IReadOnlyList<string> Sequence);

public sealed record SongResponse(
    Guid Id, string Title, IReadOnlyList<string> Authors, string? Copyright, string? CcliNumber, IReadOnlyList<string> Themes,
    IReadOnlyList<string> ScriptureReferences, IReadOnlyList<LinkedTrack> Tracks, IReadOnlyList<ArrangementSummary> Arrangements,
    Guid? CreatedById, bool CanEdit, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record SongSummary(Guid Id, string Title, IReadOnlyList<string> Authors, string? CcliNumber, IReadOnlyList<string> Themes, string? DefaultKey);

/// <summary>Filters and keyset cursor for <c>GET /api/v1/songs</c>.</summary>
public sealed record SongListQuery(
    [property: Description("Text in the title or an author (case-insensitive).")] string? Q,
    [property: Description("Only songs with this theme (exact).")] string? Theme,
    [property: Description("title (A–Z, default) or newest."), DefaultValue("title")] string? Sort,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>Creates or replaces an arrangement.</summary>
public sealed record ArrangementRequest
{
    [Required(ErrorMessage = "Name is required."), MaxLength(100, ErrorMessage = "Name must be at most 100 characters.")]
    public string Name { get; init; } = "";

    [Required(ErrorMessage = "ChordPro text is required.")]
    public string ChordPro { get; init; } = "";

    /// <summary>The key the sheet is written in; default: its <c>{key}</c> directive or first chord.</summary>
    [MaxLength(8, ErrorMessage = "Key must be at most 8 characters.")]
    public string? Key { get; init; }

    [Range(20, 400, ErrorMessage = "Tempo must be between 20 and 400 BPM.")]
    public int? Tempo { get; init; }

    [RegularExpression("^[1-9][0-9]?/(1|2|4|8|16|32)$", ErrorMessage = "Time signature must look like 4/4 or 6/8.")]
    public string? TimeSignature { get; init; }

    /// <summary>Section codes in play order, e.g. <c>V1 C V2 C B C</c>; each must name a section of the sheet.</summary>
    [MaxLength(300, ErrorMessage = "Sequence must be at most 300 characters.")]
    public string? Sequence { get; init; }
}

public sealed record ArrangementResponse(
    Guid Id, Guid SongId, string Name, string ChordPro, string? Key, int? Tempo, string? TimeSignature, IReadOnlyList<string> Sequence,
    IReadOnlyList<string> Sections, DateTimeOffset UpdatedAt);

/// <summary>A set list (service plan) item: a song arrangement in a chosen key, or a free item ("Welcome", "Sermon").</summary>
public sealed record SetListItemRequest
{
    public Guid? SongId { get; init; }

    public Guid? ArrangementId { get; init; }

    [MaxLength(8, ErrorMessage = "Key must be at most 8 characters.")]
    public string? Key { get; init; }

    /// <summary>For a free item: its title.</summary>
    [MaxLength(200, ErrorMessage = "Title must be at most 200 characters.")]
    public string? Title { get; init; }

    [MaxLength(2000, ErrorMessage = "Notes must be at most 2000 characters.")]
    public string? Notes { get; init; }
}

public sealed record SetListMemberRequest
{
    public Guid UserId { get; init; }

    [Required(ErrorMessage = "Role is required."), MaxLength(60, ErrorMessage = "Role must be at most 60 characters.")]
    public string Role { get; init; } = "";
}

/// <summary>Creates or replaces a set list. Items and team are replaced as a whole, in the order given.</summary>
public sealed record SetListRequest
{
    [Required(ErrorMessage = "Title is required."), MaxLength(WorshipLimits.TitleMaxLength, ErrorMessage = "Title must be at most 200 characters.")]
    public string Title { get; init; } = "";

    public DateTimeOffset StartsAt { get; init; }

    [MaxLength(4000, ErrorMessage = "Notes must be at most 4000 characters.")]
    public string? Notes { get; init; }

    [MaxLength(50, ErrorMessage = "At most 50 items.")]
    public IReadOnlyList<SetListItemRequest>? Items { get; init; }

    [MaxLength(50, ErrorMessage = "At most 50 team members.")]
    public IReadOnlyList<SetListMemberRequest>? Team { get; init; }
}

/// <summary>New order of a set list's items: every item id exactly once.</summary>
public sealed record ReorderRequest
{
    [Required(ErrorMessage = "Item ids are required.")]
    public IReadOnlyList<Guid> ItemIds { get; init; } = [];
}

public sealed record SetListItemResponse(
    Guid Id, int Position, string Kind, Guid? SongId, Guid? ArrangementId, string Title, string? ArrangementName, string? Key, string? Notes);

public sealed record SetListMemberResponse(Guid UserId, string DisplayName, string Role);

public sealed record SetListResponse(
    Guid Id, string Title, DateTimeOffset StartsAt, string? Notes, Guid OwnerId, bool CanEdit,
    IReadOnlyList<SetListItemResponse> Items, IReadOnlyList<SetListMemberResponse> Team, DateTimeOffset UpdatedAt);

public sealed record SetListSummary(Guid Id, string Title, DateTimeOffset StartsAt, Guid OwnerId, int ItemCount);

/// <summary>Keyset cursor for <c>GET /api/v1/setlists</c> (the caller's own and those they are on the team of, by date).</summary>
public sealed record SetListListQuery(
    [property: Description("upcoming (default: from now, soonest first) or past (latest first)."), DefaultValue("upcoming")] string? When,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>A song linked to the track, with its scripture references (OSIS).</summary>
public sealed record TrackScriptureSong(Guid SongId, string Title, IReadOnlyList<string> ScriptureReferences);

/// <summary>A passage and its text in the response's translation (null when it is not imported or the passage is too long); <see cref="More"/> when the text was cut.</summary>
public sealed record TrackScripturePassage(string Osis, string Reference, string? Text, bool More);

/// <summary>A verse tied to a synced lyric line: shown from <see cref="Time"/> (seconds); <see cref="Line"/> is the LRC line number.</summary>
public sealed record ScriptureCue(double Time, int Line, string Osis);

/// <summary><c>GET /api/v1/tracks/{id}/scripture</c>: what the player shows beside a track.</summary>
public sealed record TrackScriptureResponse(
    Guid TrackId, string? Translation, IReadOnlyList<string> TrackReferences, IReadOnlyList<TrackScriptureSong> Songs, IReadOnlyList<TrackScripturePassage> Passages, IReadOnlyList<ScriptureCue> Cues);
