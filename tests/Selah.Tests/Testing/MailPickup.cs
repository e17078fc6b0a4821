using System.Text.RegularExpressions;
using MimeKit;

namespace Selah.Tests.Testing;

/// <summary>Reads the <c>.eml</c> files the server writes to its mail pickup directory when no SMTP server is configured.</summary>
public sealed partial class MailPickup(string directory)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public string Directory { get; } = directory;

    /// <summary>Messages to <paramref name="address"/> so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var messages = new List<(DateTime Written, string Name, MimeMessage Message)>();
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("*.eml"))
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(file.FullName);
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                continue; // still being written
            }

            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                messages.Add((file.LastWriteTimeUtc, file.Name, message));
            }
        }

        return messages.OrderBy(m => m.Written).ThenBy(m => m.Name, StringComparer.Ordinal).Select(m => m.Message).ToList();
    }

    /// <summary>Waits for the message number <paramref name="index"/> (0 = first) to <paramref name="address"/>.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string address, int index = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var messages = MessagesTo(address);
            if (messages.Count > index && ExtractCode(messages[index]) is not null)
            {
                return messages[index];
            }

            if (DateTime.UtcNow > deadline)
            {
                var files = System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory).Length : 0;
                throw new TimeoutException($"No message #{index} to {address} in {Directory} (have {messages.Count} to that address, {files} files in all).");
            }

            await Task.Delay(50);
        }
    }

    public async Task<string> WaitForCodeAsync(string address, int index = 0)
    {
        var message = await WaitForMessageAsync(address, index);
        return ExtractCode(message) ?? throw new InvalidOperationException("No 6-digit code in the message.");
    }

    /// <summary>The first 6-digit number in the plain-text body (or the HTML body with tags removed).</summary>
    public static string? ExtractCode(MimeMessage message)
    {
        var text = message.TextBody ?? (message.HtmlBody is { } html ? Tags().Replace(html, " ") : null);
        if (text is null)
        {
            return null;
        }

        var match = SixDigits().Match(text);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    // A code stands alone: not part of a longer number, an HTML colour (#333333) or a word such as the display name
    // "Planner m123456abcd" in the greeting above it.
    [GeneratedRegex(@"(?<![0-9A-Za-z#])[0-9]{6}(?![0-9A-Za-z])")]
    private static partial Regex SixDigits();
}
