using System.Globalization;
using System.Text;

namespace Selah.Server.Features.Catalog;

/// <summary>URL slugs for artists and albums: lower-case ASCII letters, digits and hyphens ("Amazing Grace!" → "amazing-grace").</summary>
public static class CatalogSlugs
{
    public static string From(string text, int maxLength = 120)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue; // "é" → "e"
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        slug = slug.Length > maxLength ? slug[..maxLength].TrimEnd('-') : slug;
        return slug.Length == 0 ? "untitled" : slug;
    }

    /// <summary>The first of <c>slug</c>, <c>slug-2</c>, <c>slug-3</c>… for which <paramref name="taken"/> is false.</summary>
    public static async Task<string> UniqueAsync(string text, Func<string, Task<bool>> taken, int maxLength = 120)
    {
        var slug = From(text, maxLength);
        var candidate = slug;
        for (var n = 2; await taken(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }
}
