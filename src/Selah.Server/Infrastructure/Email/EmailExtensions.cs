using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Infrastructure.Email;

/// <summary><c>Selah:Email:*</c>. Without <c>Smtp:Host</c>, mail is written as .eml files to <c>&lt;DataDirectory&gt;/mail</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Selah:Email";

    public string From { get; set; } = "selah@localhost";
    public string FromName { get; set; } = "Selah";
    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        public string? Username { get; set; }
        public string? Password { get; set; }
        public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    }
}

/// <summary>A plain-text and HTML message to one recipient, with optional extra headers (e.g. <c>List-Unsubscribe</c>).</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody, IReadOnlyDictionary<string, string>? Headers = null);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public static class EmailExtensions
{
    public static IServiceCollection AddSelahEmail(this IServiceCollection services)
    {
        services.AddSelahOptions<EmailOptions>(EmailOptions.Section);
        services.AddSingleton<IEmailSender>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            return string.IsNullOrWhiteSpace(options.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp);
        });
        return services;
    }

    internal static MimeMessage ToMime(this EmailMessage message, EmailOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            mime.Headers.Add(name, value);
        }

        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}

internal sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = 15_000 };
        await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
        {
            await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message.ToMime(settings), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent email '{Subject}' over SMTP", message.Subject);
    }
}

/// <summary>Writes each message as an .eml file (the embedded default and the E2E tests' mail sink).</summary>
internal sealed class PickupDirectoryEmailSender(
    IOptions<EmailOptions> options, IOptions<SelahOptions> selah, TimeProvider clock, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(selah.Value.FullDataDirectory, "mail");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        var temp = path + ".tmp";
        await message.ToMime(options.Value).WriteToAsync(temp, cancellationToken);
        File.Move(temp, path); // readers never see a half-written file
        logger.LogInformation("Wrote email '{Subject}' to {Path}", message.Subject, path);
    }
}
