using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Email;

namespace Selah.Server.Features.Community.Notifications.WebPush;

/// <summary><c>Selah:WebPush:*</c>.</summary>
public sealed class WebPushOptions
{
    public const string Section = "Selah:WebPush";

    /// <summary>The VAPID <c>sub</c> claim (a <c>mailto:</c> or https URL); defaults to <c>mailto:</c> + the email From address.</summary>
    public string? Subject { get; set; }

    /// <summary>Seconds a push service keeps an undelivered message (<c>TTL</c> header).</summary>
    public int TimeToLiveSeconds { get; set; } = 24 * 60 * 60;

    /// <summary>Accept <c>http://</c> endpoints on loopback (tests only). Production endpoints must be https on public addresses.</summary>
    public bool AllowLoopbackHttp { get; set; }
}

public enum PushOutcome
{
    Delivered,
    /// <summary>404/410: the subscription is gone and must be deleted.</summary>
    Gone,
    /// <summary>Any other failure (network, 429, 5xx): worth trying again later.</summary>
    Failed,
}

/// <summary>Sends one encrypted message to one subscription (RFC 8030 with VAPID and RFC 8291).</summary>
public sealed class WebPushSender(IHttpClientFactory clients, VapidKeys vapid, IOptions<WebPushOptions> options, IOptions<EmailOptions> email,
    ILogger<WebPushSender> logger)
{
    public const string ClientName = "webpush";

    public async Task<PushOutcome> SendAsync(PushSubscription subscription, string json, string urgency, string? topic, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(subscription.Endpoint);
        var body = WebPushEncryption.Encrypt(json, Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(subscription.P256dh),
            Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(subscription.Auth));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.TryAddWithoutValidation("Authorization", vapid.AuthorizationFor(endpoint, Subject));
        request.Headers.Add("TTL", options.Value.TimeToLiveSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Urgency", urgency);
        if (topic is not null)
        {
            request.Headers.Add("Topic", topic); // a newer message with the same topic replaces an undelivered one
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return PushOutcome.Delivered;
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return PushOutcome.Gone;
            }

            logger.LogWarning("The push service at {Host} answered {Status}", endpoint.Host, (int)response.StatusCode);
            return PushOutcome.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Push to {Host} failed", endpoint.Host);
            return PushOutcome.Failed;
        }
    }

    private string Subject => options.Value.Subject is { Length: > 0 } s ? s : $"mailto:{email.Value.From}";

    /// <summary>Why <paramref name="endpoint"/> cannot be a push endpoint, or null when it is acceptable.</summary>
    public static string? CheckEndpoint(string endpoint, bool allowLoopbackHttp)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "An absolute https URL without credentials or fragment.";
        }

        var loopback = uri.IsLoopback;
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowLoopbackHttp && loopback && uri.Scheme == Uri.UriSchemeHttp))
        {
            return "Push endpoints must use https.";
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && !IsPublic(address) && !(allowLoopbackHttp && IPAddress.IsLoopback(address)))
        {
            return "Push endpoints must be on a public address.";
        }

        if (!allowLoopbackHttp && (loopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || !uri.Host.Contains('.')))
        {
            return "Push endpoints must be on a public host.";
        }

        return null;
    }

    /// <summary>False for loopback, private, link-local, CGNAT, unspecified, multicast and other non-routable addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] >= 224 || (b[0] == 100 && b[1] >= 64 && b[1] < 128) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32) || (b[0] == 192 && b[1] == 168) || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        var v6 = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC
            || address.IsIPv6UniqueLocal);
    }

    /// <summary>
    /// The push client's connection step: resolves the host itself and connects only to public addresses (loopback too
    /// when allowed), so a subscription can never make the server reach its own network (SSRF), whatever DNS answers.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(bool allowLoopback) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => IsPublic(a) || (allowLoopback && IPAddress.IsLoopback(a))).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"The push endpoint host {host} does not resolve to a public address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
