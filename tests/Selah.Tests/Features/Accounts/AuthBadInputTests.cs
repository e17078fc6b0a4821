using System.Net;
using System.Text;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

public sealed class AuthBadInputTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    public static readonly TheoryData<string> AnonymousPosts = new()
    {
        "/api/v1/auth/register",
        "/api/v1/auth/verify-email",
        "/api/v1/auth/resend-verification",
        "/api/v1/auth/login",
        "/api/v1/auth/login/2fa",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/forgot-password",
        "/api/v1/auth/reset-password",
    };

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem_naming_the_JSON_path()
    {
        using var client = factory.CreateClient();

        var response = await client.PostRawJsonAsync("/api/v1/auth/register", """{"email": "a@example.com", "password": """);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var keys = HttpAssertions.ErrorKeys(problem);
        // docs/API.md: the JSON path of the fault ("$" for the body as a whole); the server names the field ("password").
        Assert.True(
            keys.Count > 0 && keys.All(k => k.StartsWith('$') || k is "email" or "password"),
            $"errors should name the body ('$') or the faulty member; has [{string.Join(", ", keys)}]");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_400_naming_its_JSON_path()
    {
        using var client = factory.CreateClient();

        var response = await client.PostRawJsonAsync("/api/v1/auth/register", """{"email": 12, "password": "Long-Enough-Pass-1", "displayName": "N"}""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var keys = HttpAssertions.ErrorKeys(problem);
        // docs/API.md says the JSON path ("$.email"); the server strips "$." to the field name. Either names the field.
        Assert.True(keys.Contains("$.email") || keys.Contains("email"), $"errors should name email; has [{string.Join(", ", keys)}]");
        Assert.DoesNotContain("password", keys);
    }

    [Fact]
    public async Task Missing_fields_are_400_naming_each_field()
    {
        using var client = factory.CreateClient();

        var response = await client.PostRawJsonAsync("/api/v1/auth/register", "{}");

        await response.ShouldBeValidationProblemAsync("email", "password", "displayName");
    }

    [Fact]
    public async Task An_overlong_display_name_is_400_naming_displayName_and_creates_no_account()
    {
        using var client = factory.CreateClient();
        var email = AccountSteps.NewEmail("long");

        var response = await client.PostJsonAsync("/api/v1/auth/register", new { email, password = AccountSteps.NewPassword(), displayName = new string('D', 61) });

        var problem = await response.ShouldBeValidationProblemAsync("displayName");
        Assert.DoesNotContain("email", HttpAssertions.ErrorKeys(problem));
        var retry = await client.PostJsonAsync("/api/v1/auth/register", new { email, password = AccountSteps.NewPassword(), displayName = new string('D', 60) });
        await retry.ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("short7!", "password")]
    [InlineData("password123", "password")]
    [InlineData("not-an-email", "email")]
    public async Task Weak_passwords_and_bad_addresses_are_400_naming_the_field(string value, string field)
    {
        using var client = factory.CreateClient();
        var email = field == "email" ? value : AccountSteps.NewEmail("weak");
        var password = field == "password" ? value : AccountSteps.NewPassword();

        var response = await client.PostJsonAsync("/api/v1/auth/register", new { email, password, displayName = "Weak" });

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task A_2_MB_JSON_body_is_a_413_problem()
    {
        using var client = factory.CreateClient();
        var json = $$"""{"email":"{{AccountSteps.NewEmail("big")}}","password":"Long-Enough-Pass-1","displayName":"{{new string('x', 2 * 1024 * 1024)}}"}""";

        var response = await client.PostRawJsonAsync("/api/v1/auth/register", json);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_at_all_is_4xx_problem()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/login", new StringContent("email=a@example.com&password=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>PostgreSQL rejects U+0000 in text; the server must turn that into a client error, not a 500.</summary>
    [Theory]
    [MemberData(nameof(AnonymousPosts))]
    public async Task A_NUL_character_in_an_email_or_token_is_a_client_error(string path)
    {
        using var client = factory.CreateClient();
        const string body = """{"email":"a\u0000b@example.com","password":"Long-Enough-Pass-1","displayName":"Nul","code":"123456","newPassword":"Long-Enough-Pass-2","refreshToken":"a\u0000b","twoFactorToken":"a\u0000b"}""";

        var response = await client.PostRawJsonAsync(path, body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"POST {path} → {(int)response.StatusCode}: {text}");
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Hostile bodies against every anonymous endpoint: always a client error as problem+json, never a 500.</summary>
    [Theory]
    [MemberData(nameof(AnonymousPosts))]
    public async Task Hostile_bodies_never_cause_a_500(string path)
    {
        using var client = factory.CreateClient();
        var deep = new string('[', 5000) + new string(']', 5000);
        string[] bodies =
        [
            "", "null", "[]", "\"text\"", "42", "{", deep,
            """{"email":null,"password":null,"displayName":null,"code":null,"refreshToken":null,"twoFactorToken":null}""",
            """{"email":{"nested":true},"password":[1,2],"code":1e309,"refreshToken":true}""",
            """{"email":"\u0000@example.com","password":"\ud800\ud800\ud800\ud800","displayName":"\u202Eevil","code":"١٢٣٤٥٦","refreshToken":"' OR 1=1 --","twoFactorToken":"a.b.c"}""",
            """{"email":"x@example.com","password":"Long-Enough-Pass-1","displayName":"x","code":"000000","newPassword":"Long-Enough-Pass-2","refreshToken":"x","twoFactorToken":"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.","code2":"x"}""",
        ];

        foreach (var body in bodies)
        {
            var response = await client.PostRawJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            var where = $"POST {path} with {(body.Length > 60 ? body[..60] + "…" : body)} → {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}";
            Assert.True((int)response.StatusCode < 500, where);
            if ((int)response.StatusCode >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", where);
            }
        }

        var invalidUtf8 = new ByteArrayContent([0x7B, 0x22, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D]);
        invalidUtf8.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var bad = await client.PostAsync(path, invalidUtf8);
        Assert.True((int)bad.StatusCode < 500, $"POST {path} with invalid UTF-8 → {(int)bad.StatusCode}");
    }
}
