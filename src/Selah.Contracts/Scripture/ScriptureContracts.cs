namespace Selah.Contracts.Scripture;

/// <summary>A verse: OSIS book id (<c>Gen</c> … <c>Rev</c>), chapter and verse.</summary>
public sealed record VerseRef(string Book, int Chapter, int Verse);

/// <summary>
/// One Bible reference found in text. <c>Start</c> and <c>End</c> are the first and last verse (inclusive, KJV versification);
/// <c>Osis</c> is the reference in OSIS form (<c>John.3.16</c>, <c>Ps.23</c>, <c>Ruth</c>, <c>Rom.8.38-Rom.8.39</c>);
/// <c>Index</c> and <c>Length</c> locate the written reference in the input (UTF-16 code units), e.g. to highlight it.
/// </summary>
public sealed record ScripturePassage(string Osis, VerseRef Start, VerseRef End, int Index, int Length);

/// <summary>
/// Every reference in the text in order of appearance: <c>Osis</c> is their OSIS forms joined by commas (empty when none).
/// </summary>
public sealed record ScriptureParseResponse(string Osis, IReadOnlyList<ScripturePassage> Passages);
