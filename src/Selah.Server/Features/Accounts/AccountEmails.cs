using System.Net;
using Selah.Server.Infrastructure.Email;

namespace Selah.Server.Features.Accounts;

/// <summary>The messages the account flows send. The code sits in the subject too, so phones show it in the notification.</summary>
public sealed class AccountEmails(IEmailSender sender, IHostEnvironment environment, ILogger<AccountEmails> logger)
{
    public Task SendVerificationAsync(SelahUser user, string code, CancellationToken cancellationToken) =>
        SendAsync(user, code, $"{code} is your Selah verification code",
            "Welcome to Selah! Enter this code to verify your email address:", "The code expires in 15 minutes.", cancellationToken);

    public Task SendPasswordResetAsync(SelahUser user, string code, CancellationToken cancellationToken) =>
        SendAsync(user, code, $"{code} is your Selah password reset code",
            "Someone asked to reset the password of your Selah account. Enter this code to choose a new password:",
            "The code expires in 15 minutes. If it wasn't you, ignore this email; your password stays the same.", cancellationToken);

    private async Task SendAsync(SelahUser user, string code, string subject, string intro, string outro, CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            logger.LogInformation("Development only: code for {Email} is {Code}", user.Email, code);
        }

        var name = WebUtility.HtmlEncode(user.DisplayName);
        var text = $"Hello {user.DisplayName},\n\n{intro}\n\n    {code}\n\n{outro}\n\n— Selah";
        var html = $"""
            <p>Hello {name},</p>
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p style="font-size:28px;letter-spacing:6px;font-weight:bold">{code}</p>
            <p>{WebUtility.HtmlEncode(outro)}</p>
            <p>— Selah</p>
            """;
        await sender.SendAsync(new EmailMessage(user.Email!, subject, text, html), cancellationToken);
    }
}
