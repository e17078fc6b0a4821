using System.Net;
using System.Text;
using System.Text.Json;

namespace Selah.Server.Features.Bible;

/// <summary>Styles of a run of verse text (bit flags).</summary>
[Flags]
public enum VerseStyle
{
    None = 0,

    /// <summary>Words of Christ (<c>&lt;q who="Jesus"&gt;</c>), shown in red by most readers.</summary>
    WordsOfChrist = 1,

    /// <summary>Words added by the translators (<c>&lt;transChange type="added"&gt;</c>), shown in italics.</summary>
    Added = 2,

    /// <summary>The divine name (<c>&lt;divineName&gt;</c>, LORD), shown in small capitals.</summary>
    DivineName = 4,
}

/// <summary>A run of verse text with one style.</summary>
public readonly record struct VerseRun(string Text, VerseStyle Style);

/// <summary>One SWORD entry converted: plain text, styled runs, headings before it, and whether it starts a paragraph.</summary>
public sealed record ConvertedEntry(string Text, IReadOnlyList<VerseRun> Runs, IReadOnlyList<string> Headings, bool Paragraph)
{
    /// <summary>True when some run has a style (otherwise the plain text says it all and no markup is stored).</summary>
    public bool HasStyles => Runs.Any(r => r.Style != VerseStyle.None);
}

/// <summary>
/// The stored markup of a verse: a JSON array of <c>[style, text]</c> pairs (style = <see cref="VerseStyle"/> bits). It holds
/// only text and three styles, never raw OSIS or HTML, so a client can render it safely.
/// </summary>
public static class VerseMarkup
{
    public static string Serialize(IReadOnlyList<VerseRun> runs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var run in runs)
            {
                json.WriteStartArray();
                json.WriteNumberValue((int)run.Style);
                json.WriteStringValue(run.Text);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The runs of a stored verse: parsed markup, or the plain text as one unstyled run.</summary>
    public static IReadOnlyList<VerseRun> Parse(string text, string? markup)
    {
        if (string.IsNullOrEmpty(markup))
        {
            return [new VerseRun(text, VerseStyle.None)];
        }

        var runs = new List<VerseRun>();
        using var document = JsonDocument.Parse(markup);
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            runs.Add(new VerseRun(pair[1].GetString() ?? "", (VerseStyle)pair[0].GetInt32()));
        }

        return runs;
    }
}

/// <summary>
/// Converts the OSIS markup of one SWORD entry (as written by <c>mod2imp</c>) into <see cref="ConvertedEntry"/>: Strong's
/// <c>&lt;w&gt;</c> wrappers and milestones are dropped, footnotes are left out, titles become headings, words of Christ,
/// translators' additions and the divine name become styled runs. A small tag scanner, no XML parser: SWORD entries are
/// fragments (milestones, unbalanced closers) that an XML parser would reject.
/// </summary>
public static partial class OsisText
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\\[a-z]+[0-9]*\*? ?")]
    private static partial System.Text.RegularExpressions.Regex UsfmMarker();

    public static ConvertedEntry Convert(string osis)
    {
        if (osis.Contains('\\'))
        {
            osis = UsfmMarker().Replace(osis, ""); // stray USFM markers left in some modules (KJV: "\\nd ")
        }

        var runs = new List<VerseRun>();
        var headings = new List<string>();
        var text = new StringBuilder();
        var title = new StringBuilder();
        var qStack = new Stack<bool>();
        int noteDepth = 0, titleDepth = 0, addedDepth = 0, divineDepth = 0, jesusDepth = 0;
        var jesusMilestone = false;
        var paragraph = false;
        var skipTitle = false;
        var style = VerseStyle.None;
        var pendingSpace = false;
        // A footnote can stand where a space was (WEB: "wind</w></q><note>…</note><q><w>blows"): once it is dropped,
        // two words that would touch get a space between them.
        var afterNote = false;

        void Flush()
        {
            if (text.Length > 0)
            {
                AddRun(runs, text.ToString(), style);
                text.Clear();
            }
        }

        bool EndsWithLetterOrDigit()
        {
            var last = text.Length > 0 ? text[^1] : runs.Count > 0 && runs[^1].Text.Length > 0 ? runs[^1].Text[^1] : ' ';
            return char.IsLetterOrDigit(last);
        }

        void AppendText(ReadOnlySpan<char> raw)
        {
            if (raw.IsEmpty)
            {
                return;
            }

            var decoded = raw.Contains('&') ? WebUtility.HtmlDecode(raw.ToString()) : raw.ToString();
            if (noteDepth > 0)
            {
                return;
            }

            if (titleDepth > 0)
            {
                title.Append(decoded);
                return;
            }

            var current = (jesusDepth > 0 || jesusMilestone ? VerseStyle.WordsOfChrist : VerseStyle.None)
                | (addedDepth > 0 ? VerseStyle.Added : VerseStyle.None)
                | (divineDepth > 0 ? VerseStyle.DivineName : VerseStyle.None);
            if (current != style)
            {
                Flush();
                style = current;
            }

            if (afterNote && !pendingSpace && decoded.Length > 0 && char.IsLetterOrDigit(decoded[0]) && EndsWithLetterOrDigit())
            {
                pendingSpace = true;
            }

            afterNote = false;
            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(decoded);
        }

        var i = 0;
        var s = osis.AsSpan();
        while (i < s.Length)
        {
            var lt = s[i..].IndexOf('<');
            if (lt < 0)
            {
                AppendText(s[i..]);
                break;
            }

            AppendText(s.Slice(i, lt));
            var start = i + lt;
            var gt = s[start..].IndexOf('>');
            if (gt < 0)
            {
                break; // a broken tag: drop the rest rather than show markup
            }

            var tag = s.Slice(start + 1, gt - 1);
            i = start + gt + 1;
            var closing = tag.Length > 0 && tag[0] == '/';
            var selfClosing = tag.Length > 0 && tag[^1] == '/';
            var body = closing ? tag[1..] : tag;
            var nameEnd = body.IndexOfAny(' ', '/');
            var name = nameEnd < 0 ? body : body[..nameEnd];

            switch (name)
            {
                case "note":
                    if (!selfClosing)
                    {
                        noteDepth = Math.Max(0, noteDepth + (closing ? -1 : 1));
                        afterNote |= closing && noteDepth == 0;
                    }

                    break;
                case "title":
                    if (selfClosing)
                    {
                        break;
                    }

                    if (!closing)
                    {
                        if (titleDepth++ == 0)
                        {
                            title.Clear();
                            skipTitle = Attribute(body, "type") is "x-introduction" or "main";
                        }
                    }
                    else if (titleDepth > 0 && --titleDepth == 0 && !skipTitle)
                    {
                        var heading = Normalize(title.ToString());
                        if (heading.Length > 0)
                        {
                            headings.Add(heading);
                        }
                    }

                    break;
                case "q":
                    if (selfClosing)
                    {
                        if (Attribute(body, "who") == "Jesus")
                        {
                            jesusMilestone = Attribute(body, "sID") is not null;
                        }
                    }
                    else if (!closing)
                    {
                        var jesus = Attribute(body, "who") == "Jesus";
                        qStack.Push(jesus);
                        jesusDepth += jesus ? 1 : 0;
                    }
                    else if (qStack.Count > 0 && qStack.Pop())
                    {
                        jesusDepth--;
                    }

                    break;
                case "transChange":
                    if (!selfClosing)
                    {
                        addedDepth = Math.Max(0, addedDepth + (closing ? -1 : 1));
                    }

                    break;
                case "divineName":
                    if (!selfClosing)
                    {
                        divineDepth = Math.Max(0, divineDepth + (closing ? -1 : 1));
                    }

                    break;
                case "div":
                    if (!closing && Attribute(body, "type") == "x-p" && Attribute(body, "sID") is not null && runs.Count == 0 && text.Length == 0)
                    {
                        paragraph = true;
                    }

                    pendingSpace = true;
                    break;
                case "l" or "lb" or "lg" or "milestone" or "chapter" or "item" or "list" or "p":
                    pendingSpace = true;
                    break;
            }
        }

        Flush();
        return Finish(runs, headings, paragraph);
    }

    private static ConvertedEntry Finish(List<VerseRun> raw, List<string> headings, bool paragraph)
    {
        // Collapse whitespace across runs, drop the KJV pilcrow (it marks a paragraph), trim the ends, merge equal styles.
        var runs = new List<VerseRun>(raw.Count);
        var plain = new StringBuilder();
        var lastWasSpace = true;
        foreach (var run in raw)
        {
            var piece = new StringBuilder(run.Text.Length);
            foreach (var ch in run.Text)
            {
                if (ch == '¶')
                {
                    paragraph |= plain.Length == 0 && piece.ToString().Trim().Length == 0;
                    continue;
                }

                if (char.IsWhiteSpace(ch))
                {
                    if (!lastWasSpace)
                    {
                        piece.Append(' ');
                        lastWasSpace = true;
                    }

                    continue;
                }

                piece.Append(ch);
                lastWasSpace = false;
            }

            if (piece.Length == 0)
            {
                continue;
            }

            AddRun(runs, piece.ToString(), run.Style);
            plain.Append(piece);
        }

        // Trim the trailing space (the leading one never appears: lastWasSpace starts true).
        if (runs.Count > 0 && runs[^1].Text.EndsWith(' '))
        {
            var last = runs[^1].Text.TrimEnd();
            if (last.Length == 0)
            {
                runs.RemoveAt(runs.Count - 1);
            }
            else
            {
                runs[^1] = runs[^1] with { Text = last };
            }
        }

        var plainText = string.Concat(runs.Select(r => r.Text));
        return new ConvertedEntry(plainText, runs, headings, paragraph);
    }

    private static void AddRun(List<VerseRun> runs, string text, VerseStyle style)
    {
        if (runs.Count > 0 && runs[^1].Style == style)
        {
            runs[^1] = runs[^1] with { Text = runs[^1].Text + text };
        }
        else
        {
            runs.Add(new VerseRun(text, style));
        }
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Attribute(ReadOnlySpan<char> tag, string name)
    {
        var search = tag;
        while (true)
        {
            var at = search.IndexOf(name, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var after = search[(at + name.Length)..];
            var before = at == 0 ? ' ' : search[at - 1];
            if (before == ' ' && after.Length > 1 && after[0] == '=' && after[1] == '"')
            {
                var value = after[2..];
                var end = value.IndexOf('"');
                return end < 0 ? null : value[..end].ToString();
            }

            search = after;
        }
    }
}
