using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Selah.Tests.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Selah.Tests.Features.Accounts;

/// <summary>
/// The server configured for Google sign-in against a stand-in for Google's JWKS endpoint (WireMock), with an RSA key the
/// tests sign ID tokens with, shaped as Google's are (RS256, kid, iss/aud/sub/email/email_verified/iat/exp).
/// </summary>
public sealed class GoogleSignInFactory : SelahFactory
{
    public const string ClientId = "test-client";
    public const string Issuer = "https://accounts.google.com";
    public const string KeyId = "selah-test-key-1";

    private readonly RSA _key = RSA.Create(2048);
    private readonly WireMockServer _google = WireMockServer.Start();

    public GoogleSignInFactory()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA",
                    use = "sig",
                    alg = "RS256",
                    kid = KeyId,
                    n = Base64UrlEncoder.Encode(parameters.Modulus),
                    e = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });
        _google.Given(Request.Create().WithPath("/certs").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("Cache-Control", "public, max-age=3600").WithBody(jwks));
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:Auth:Google:ClientIds:0"] = ClientId;
        settings["Selah:Auth:Google:JwksUrl"] = $"{_google.Url}/certs";
        settings["Selah:Auth:Google:Issuers:0"] = Issuer;
    }

    /// <summary>An ID token signed with the served key unless <paramref name="signWith"/> says otherwise.</summary>
    public string CreateIdToken(
        string email,
        string? subject = null,
        string audience = ClientId,
        string issuer = Issuer,
        TimeSpan? expiresIn = null,
        bool emailVerified = true,
        RSA? signWith = null)
    {
        var now = Clock.UtcNow.UtcDateTime;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var issued = expires < now ? expires - TimeSpan.FromHours(1) : now;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject ?? Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["email"] = email,
                ["email_verified"] = emailVerified,
                ["name"] = "Lydia of Thyatira",
                ["azp"] = audience,
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _google.Stop();
        _google.Dispose();
        _key.Dispose();
    }
}
