using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Selah.E2E.Infrastructure;

/// <summary>
/// Just enough MIME to read a verification code out of an <c>.eml</c> file: header unfolding, RFC 2047 encoded words,
/// multipart bodies, base64 and quoted-printable transfer encodings, HTML stripped to text.
/// </summary>
internal static partial class EmlMessage
{
    // Six digits standing alone; not part of a longer number, an HTML colour (#333333) or a word (a display name).
    [GeneratedRegex(@"(?<![0-9A-Za-z#])[0-9]{6}(?![0-9A-Za-z])")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"<(style|script|head)[^>]*>.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InvisibleHtml();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    public static string? FindSixDigitCode(string raw)
    {
        var (headers, body) = Split(raw);
        var subject = DecodeWords(Header(headers, "Subject") ?? "");
        var match = SixDigits().Match(subject);
        if (match.Success)
        {
            return match.Value;
        }

        foreach (var text in BodyTexts(headers, body))
        {
            match = SixDigits().Match(text);
            if (match.Success)
            {
                return match.Value;
            }
        }

        return null;
    }

    private static (List<KeyValuePair<string, string>> Headers, string Body) Split(string raw)
    {
        var text = raw.Replace("\r\n", "\n");
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? "" : text[(end + 2)..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
            }
            else
            {
                var colon = line.IndexOf(':');
                if (colon > 0)
                {
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }
        }

        return (headers, body);
    }

    private static string? Header(List<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Parameter(string? headerValue, string name)
    {
        if (headerValue is null)
        {
            return null;
        }

        var match = Regex.Match(headerValue, name + @"\s*=\s*(""(?<v>[^""]*)""|(?<v>[^;\s]+))", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    private static IEnumerable<string> BodyTexts(List<KeyValuePair<string, string>> headers, string body)
    {
        var contentType = Header(headers, "Content-Type") ?? "text/plain";
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = Parameter(contentType, "boundary");
            if (boundary is null)
            {
                yield break;
            }

            var parts = body.Split("--" + boundary);
            // parts[0] is the preamble; the last one starts with "--" (the epilogue).
            foreach (var part in parts.Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                var (partHeaders, partBody) = Split(part.TrimStart('\n'));
                foreach (var text in BodyTexts(partHeaders, partBody))
                {
                    yield return text;
                }
            }

            yield break;
        }

        if (!contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        var decoded = DecodeTransfer(body, Header(headers, "Content-Transfer-Encoding"));
        if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            decoded = WebUtility.HtmlDecode(Tag().Replace(InvisibleHtml().Replace(decoded, " "), " "));
        }

        yield return decoded;
    }

    private static string DecodeTransfer(string body, string? encoding)
    {
        switch (encoding?.Trim().ToLowerInvariant())
        {
            case "base64":
                try
                {
                    var compact = new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray());
                    return Encoding.UTF8.GetString(Convert.FromBase64String(compact));
                }
                catch (FormatException)
                {
                    return body;
                }

            case "quoted-printable":
                return DecodeQuotedPrintable(body.Replace("=\n", ""), underscoreIsSpace: false);
            default:
                return body;
        }
    }

    private static string DecodeQuotedPrintable(string text, bool underscoreIsSpace)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '_' && underscoreIsSpace)
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string DecodeWords(string value) =>
        EncodedWord().Replace(value, m =>
        {
            var payload = m.Groups[3].Value;
            try
            {
                return m.Groups[2].Value is "B" or "b"
                    ? Encoding.UTF8.GetString(Convert.FromBase64String(payload))
                    : DecodeQuotedPrintable(payload, underscoreIsSpace: true);
            }
            catch (FormatException)
            {
                return m.Value;
            }
        });
}
