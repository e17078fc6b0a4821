using System.Net;
using Selah.Tests.Testing;

namespace Selah.Tests.Infrastructure.Email;

/// <summary>The server configured to send through a real SMTP conversation with <see cref="SmtpSink"/> on loopback.</summary>
public sealed class SmtpFactory : SelahFactory
{
    public SmtpSink Sink { get; } = new();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:Email:Smtp:Host"] = "127.0.0.1";
        settings["Selah:Email:Smtp:Port"] = Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Selah:Email:Smtp:Security"] = "None";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public sealed class SmtpDeliveryTests(SmtpFactory factory) : IClassFixture<SmtpFactory>
{
    [Fact]
    public async Task Registration_mail_arrives_over_SMTP_with_a_code_that_verifies()
    {
        using var client = factory.CreateClient();
        var email = AccountSteps.NewEmail("smtp");

        var register = await client.PostJsonAsync("/api/v1/auth/register", new { email, password = AccountSteps.NewPassword(), displayName = "Over the wire" });
        await register.ShouldHaveStatusAsync(HttpStatusCode.Created);

        var mail = await factory.Sink.WaitForMailToAsync(email);
        Assert.Contains(mail.Message.To.Mailboxes, m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase));
        Assert.False(string.IsNullOrWhiteSpace(mail.MailFrom));
        Assert.False(string.IsNullOrWhiteSpace(mail.Message.Subject));
        var code = MailPickup.ExtractCode(mail.Message);
        Assert.NotNull(code);
        Assert.Empty(factory.Mail.MessagesTo(email));

        var verify = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email, code });
        await verify.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
    }
}
