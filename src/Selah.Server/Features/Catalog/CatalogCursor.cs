using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Selah.Server.Features.Catalog;

/// <summary>
/// The opaque keyset cursor of the catalogue lists: the sort it belongs to, the sort key of the last row and its id,
/// base64url-encoded. A cursor from another sort, or one that does not decode, is a 400 naming <c>cursor</c>.
/// </summary>
public readonly record struct CatalogCursor(string Sort, string Key, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Sort}\n{Key}\n{Id:N}"));

    public static CatalogCursor For(string sort, Guid id) => new(sort, "", id);

    public static CatalogCursor For(string sort, string key, Guid id) => new(sort, key, id);

    public static CatalogCursor For(string sort, long key, Guid id) => new(sort, key.ToString(CultureInfo.InvariantCulture), id);

    public static CatalogCursor For(string sort, double key, Guid id) => new(sort, key.ToString("R", CultureInfo.InvariantCulture), id);

    /// <returns>False when <paramref name="text"/> is not a cursor of <paramref name="sort"/>.</returns>
    public static bool TryDecode(string text, string sort, out CatalogCursor cursor)
    {
        cursor = default;
        if (text.Length > 1024)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var parts = decoded.Split('\n');
        if (parts.Length != 3 || parts[0] != sort || !Guid.TryParseExact(parts[2], "N", out var id) || parts[1].Contains('\0'))
        {
            return false;
        }

        cursor = new CatalogCursor(parts[0], parts[1], id);
        return true;
    }

    public bool TryGetLong(out long value) => long.TryParse(Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public bool TryGetDouble(out double value) =>
        double.TryParse(Key, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
