using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Selah.Server.Features.Community.Notifications;
using Selah.Tests.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Selah.Tests.Features.Community;

/// <summary>
/// The server with email in the pickup folder (<see cref="SelahFactory.Mail"/>) and a stand-in push service (WireMock on loopback, http
/// allowed for loopback only): <c>/push/…</c> accepts (201), <c>/gone/…</c> answers 410 like an expired subscription.
/// </summary>
public sealed class NotificationDeliveryFactory : SelahFactory
{
    public WireMockServer PushService { get; } = StartPushService();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:WebPush:AllowLoopbackHttp"] = "true";
        settings["Selah:WebPush:Subject"] = "mailto:admin@selah-tests.example.com";
        settings["Selah:Notifications:PublicBaseUrl"] = "https://selah.example.org";
    }

    private static WireMockServer StartPushService()
    {
        var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/push/*").UsingPost()).RespondWith(Response.Create().WithStatusCode(201));
        server.Given(Request.Create().WithPath("/gone/*").UsingPost()).RespondWith(Response.Create().WithStatusCode(410));
        return server;
    }

    /// <summary>Notification emails (they carry <c>List-Unsubscribe</c>; account mails do not) to <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> NotificationMails(string address) =>
        Mail.MessagesTo(address).Where(m => m.Headers.Contains("List-Unsubscribe")).ToList();

    public async Task<MimeKit.MimeMessage> WaitForNotificationMailAsync(string address)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (NotificationMails(address).FirstOrDefault() is { } mail)
            {
                return mail;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No notification email to {address}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Runs the dispatch job's work now (what the Quartz job does every minute).</summary>
    public Task DispatchAsync() => Services.GetRequiredService<NotificationDispatcher>().RunAsync(CancellationToken.None);

    public async Task<IReadOnlyList<WireMock.Logging.ILogEntry>> WaitForPushesAsync(string path, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var entries = PushService.LogEntries.Where(e => e.RequestMessage.Path == path).ToList();
            if (entries.Count >= count)
            {
                return entries;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No push reached {path}.");
            }

            await Task.Delay(50);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        PushService.Stop();
        PushService.Dispose();
    }
}

/// <summary>A browser's side of a push subscription: its P-256 key pair and auth secret, and decryption with npm http_ece.</summary>
public sealed class TestPushSubscriber : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public TestPushSubscriber(string endpoint) => Endpoint = endpoint;

    public string Endpoint { get; }

    public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

    public string P256dh
    {
        get
        {
            var q = _key.ExportParameters(false).Q;
            return Base64UrlEncoder.Encode([0x04, .. q.X!, .. q.Y!]);
        }
    }

    public object Body => new { endpoint = Endpoint, keys = new { p256dh = P256dh, auth = Base64UrlEncoder.Encode(AuthSecret) } };

    /// <summary>Decrypts a captured push body with <c>tests/tools/webpush-decrypt.mjs</c> (npm http_ece).</summary>
    public async Task<string> DecryptAsync(byte[] body)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, body);
            var script = Path.Combine(TestEnvironment.ToolsDirectory, "webpush-decrypt.mjs");
            var start = new ProcessStartInfo("node")
            {
                ArgumentList = { script, file, Base64UrlEncoder.Encode(_key.ExportParameters(true).D!), Base64UrlEncoder.Encode(AuthSecret) },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = TestEnvironment.ToolsDirectory,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"webpush-decrypt.mjs exited {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            File.Delete(file);
        }
    }

    public void Dispose() => _key.Dispose();
}

public static class NotificationDeliverySteps
{
    public static async Task<(Member Member, string Email)> NewMemberWithEmailAsync(this SelahFactory factory)
    {
        var name = CommunitySteps.Unique("Member ");
        var account = await factory.SignInNewUserAsync(name);
        return (new Member(account.UserId, name, factory.CreateClient(account.AccessToken)), account.Email);
    }

    public static async Task PutPreferencesAsync(this Member member, object body) =>
        await (await member.Client.PutJsonAsync("/api/v1/notifications/preferences", body)).ShouldHaveStatusAsync(HttpStatusCode.OK);

    public static string HourMinute(DateTimeOffset t) => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
