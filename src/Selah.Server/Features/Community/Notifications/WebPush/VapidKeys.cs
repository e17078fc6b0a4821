using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Community.Notifications.WebPush;

/// <summary>
/// The server's VAPID key pair (RFC 8292, P-256): generated once, stored in <c>ServerSecrets</c> (the private scalar,
/// base64url) so every node signs with the same key, loaded at start-up.
/// </summary>
public sealed class VapidKeys(IDbContextFactory<SelahDbContext> contexts, TimeProvider clock) : IStartupSeeder
{
    private const string SecretName = "webpush-vapid-private-key";
    private ECParameters? _parameters;

    public int Order => 0;

    /// <summary>The uncompressed public point (0x04 ‖ X ‖ Y), base64url: the browser's <c>applicationServerKey</c>.</summary>
    public string PublicKey { get; private set; } = "";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ServerSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == SecretName, cancellationToken);
        if (stored is null)
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var d = fresh.ExportParameters(includePrivateParameters: true).D!;
            db.ServerSecrets.Add(new ServerSecret { Name = SecretName, Value = Base64UrlEncoder.Encode(d), CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node created it first; use theirs.
            }

            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            stored = await again.ServerSecrets.AsNoTracking().SingleAsync(s => s.Name == SecretName, cancellationToken);
        }

        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Base64UrlEncoder.DecodeBytes(stored.Value) });
        var parameters = key.ExportParameters(includePrivateParameters: true); // derives Q from D
        _parameters = parameters;
        PublicKey = Base64UrlEncoder.Encode([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]);
    }

    /// <summary>The <c>Authorization</c> header value for a push to <paramref name="endpoint"/>: <c>vapid t=&lt;ES256 JWT&gt;, k=&lt;key&gt;</c>.</summary>
    public string AuthorizationFor(Uri endpoint, string subject)
    {
        var parameters = _parameters ?? throw new InvalidOperationException("The VAPID key is loaded at start-up.");
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"typ":"JWT","alg":"ES256"}"""));
        var claims = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = endpoint.GetLeftPart(UriPartial.Authority),
            ["exp"] = clock.GetUtcNow().AddHours(12).ToUnixTimeSeconds(),
            ["sub"] = subject,
        }));
        using var key = ECDsa.Create(parameters);
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{claims}"), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"vapid t={header}.{claims}.{Base64UrlEncoder.Encode(signature)}, k={PublicKey}";
    }
}
