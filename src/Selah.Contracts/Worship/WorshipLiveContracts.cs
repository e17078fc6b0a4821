namespace Selah.Contracts.Worship;

/// <summary>
/// One projector slide: a section of an arrangement (in the arrangement's sequence order when it has one), or the title
/// of a free item. <see cref="Lines"/> are the lyrics without chords.
/// </summary>
public sealed record WorshipSlide(int ItemIndex, int SlideIndex, string ItemTitle, string? Label, string? SectionCode, IReadOnlyList<string> Lines);

/// <summary>A set list item as the live session shows it: its slides, and the song/arrangement/key for the musician view.</summary>
public sealed record WorshipDeckItem(
    int Index, string Kind, string Title, Guid? SongId, Guid? ArrangementId, string? Key, IReadOnlyList<WorshipSlide> Slides);

/// <summary>
/// The hub's <c>slide</c> message: where the live session is, whether the screen is blanked, the current and next slide.
/// <see cref="Version"/> grows with every change, so a client can ignore a message older than the one it shows.
/// </summary>
public sealed record WorshipSlideMessage(
    Guid SetListId, int ItemIndex, int SlideIndex, bool Blank, WorshipSlide? Current, WorshipSlide? Next, long Version, DateTimeOffset ChangedAt);

/// <summary>What <c>Join(setListId)</c> returns: the deck, whether the caller may lead, and the current slide.</summary>
public sealed record WorshipSessionState(Guid SetListId, string Title, bool CanLead, IReadOnlyList<WorshipDeckItem> Items, WorshipSlideMessage Slide);
