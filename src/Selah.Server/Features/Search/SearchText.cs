using System.Globalization;
using System.Text;

namespace Selah.Server.Features.Search;

/// <summary>
/// Query text → search words, the way the indexes tokenise: runs of letters and digits, lower-cased, diacritics
/// removed (SQLite's <c>unicode61 remove_diacritics 2</c>); everything else separates words. Words are therefore always
/// safe to splice into an FTS5 MATCH or a <c>to_tsquery</c> expression.
/// </summary>
public static class SearchText
{
    public const int MaxWords = 8;
    public const int MaxWordLength = 40;

    /// <returns>The words, and whether the last one is still being typed (no trailing separator) and should match as a prefix.</returns>
    public static (List<string> Words, bool LastIsPrefix) Words(string text)
    {
        var words = new List<string>();
        var folded = Fold(text);
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
                continue;
            }

            Flush();
        }

        var lastIsPrefix = current.Length > 0;
        Flush();
        return (words.Take(MaxWords).ToList(), lastIsPrefix && words.Count <= MaxWords);

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.Length > MaxWordLength ? current.ToString(0, MaxWordLength) : current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>Lower-case without diacritics (é → e, ß stays).</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Optimal-string-alignment (restricted Damerau–Levenshtein) distance, or <paramref name="max"/> + 1 once it exceeds it.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    /// <summary>How many edits a word of this length may be away from the vocabulary word it was meant to be.</summary>
    public static int AllowedEdits(string word) => word.Length switch
    {
        <= 3 => 0,
        <= 5 => 1,
        _ => 2,
    };
}
