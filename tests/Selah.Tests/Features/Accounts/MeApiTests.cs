using System.Net;
using System.Text.Json;
using Selah.Contracts.Accounts;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

public sealed class MeApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Patch_changes_each_field_and_get_returns_it()
    {
        var signedIn = await factory.SignInNewUserAsync("Before");
        using var client = factory.CreateClient(signedIn.AccessToken);
        var update = new
        {
            displayName = "Lydia Purple",
            bio = "Seller of purple cloth. Ünïcödé ✝ <b>not bold</b>",
            preferredTranslation = "web",
            favouriteGenres = new[] { "hymns", "gospel", "worship" },
            church = "Philippi Riverside",
            denomination = "Non-denominational",
            timeZone = "Europe/London",
        };

        var patched = await (await client.PatchJsonAsync("/api/v1/me", update)).ReadJsonAsync<MeResponse>();
        var fetched = await (await client.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();

        foreach (var me in new[] { patched, fetched })
        {
            Assert.Equal(signedIn.UserId, me.Id);
            Assert.Equal(update.displayName, me.DisplayName);
            Assert.Equal(update.bio, me.Bio);
            Assert.Equal(update.preferredTranslation, me.PreferredTranslation);
            Assert.Equal(update.favouriteGenres, me.FavouriteGenres);
            Assert.Equal(update.church, me.Church);
            Assert.Equal(update.denomination, me.Denomination);
            Assert.Equal(update.timeZone, me.TimeZone);
        }
    }

    [Fact]
    public async Task Absent_fields_are_unchanged_and_an_empty_string_clears_the_bio()
    {
        var signedIn = await factory.SignInNewUserAsync("Keeps Name");
        using var client = factory.CreateClient(signedIn.AccessToken);
        await (await client.PatchJsonAsync("/api/v1/me", new { bio = "First bio", church = "Antioch" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var onlyChurch = await (await client.PatchJsonAsync("/api/v1/me", new { church = "Ephesus" })).ReadJsonAsync<MeResponse>();
        Assert.Equal("First bio", onlyChurch.Bio);
        Assert.Equal("Ephesus", onlyChurch.Church);
        Assert.Equal("Keeps Name", onlyChurch.DisplayName);

        var explicitNull = await (await client.PatchJsonAsync("/api/v1/me", new { bio = (string?)null })).ReadJsonAsync<MeResponse>();
        Assert.Equal("First bio", explicitNull.Bio);

        await (await client.PatchJsonAsync("/api/v1/me", new { bio = "" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var cleared = await (await client.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.True(string.IsNullOrEmpty(cleared.Bio), $"bio should be cleared, was '{cleared.Bio}'");
        Assert.Equal("Ephesus", cleared.Church);
    }

    [Theory]
    [InlineData("""{"timeZone":"Mars/Olympus_Mons"}""", "timeZone")]
    [InlineData("""{"displayName":""}""", "displayName")]
    [InlineData("""{"preferredTranslation":"King James!"}""", "preferredTranslation")]
    [InlineData("""{"church":"CHURCH_121"}""", "church")]
    [InlineData("""{"bio":"BIO_1001"}""", "bio")]
    [InlineData("""{"favouriteGenres":["g1","g2","g3","g4","g5","g6","g7","g8","g9","g10","g11","g12","g13","g14","g15","g16","g17","g18","g19","g20","g21"]}""", "favouriteGenres")]
    public async Task Invalid_profile_values_are_400_naming_the_field_and_change_nothing(string json, string field)
    {
        var signedIn = await factory.SignInNewUserAsync("Unchanged");
        using var client = factory.CreateClient(signedIn.AccessToken);
        json = json.Replace("CHURCH_121", new string('c', 121), StringComparison.Ordinal).Replace("BIO_1001", new string('b', 1001), StringComparison.Ordinal);

        var response = await client.PatchAsync("/api/v1/me", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync(field);
        var me = await (await client.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal("Unchanged", me.DisplayName);
        Assert.Null(me.TimeZone);
    }

    [Fact]
    public async Task Anonymous_me_is_401()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_or_tampered_access_token_is_401()
    {
        var signedIn = await factory.SignInNewUserAsync();
        var parts = signedIn.AccessToken.Split('.');
        var tampered = string.Join('.', parts[0], parts[1], parts[2][..^4] + (parts[2].EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        using var client = factory.CreateClient(tampered);

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_non_admin_gets_403_from_the_admin_api()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);

        var list = await client.GetAsync("/api/v1/admin/users");
        var ban = await client.PostJsonAsync($"/api/v1/admin/users/{signedIn.UserId}/ban", new { reason = "self-service" });

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ban.StatusCode);
    }

    [Fact]
    public async Task Another_users_public_profile_shows_no_private_fields()
    {
        var other = await factory.SignInNewUserAsync("Public Person");
        using (var otherClient = factory.CreateClient(other.AccessToken))
        {
            await (await otherClient.PatchJsonAsync("/api/v1/me", new { bio = "Hello", church = "Corinth", timeZone = "Europe/Athens" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var viewer = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(viewer.AccessToken);

        var response = await client.GetAsync($"/api/v1/users/{other.UserId}");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var profile = JsonSerializer.Deserialize<PublicProfileResponse>(body, TestJson.Options)!;
        Assert.Equal(other.UserId, profile.Id);
        Assert.Equal("Public Person", profile.DisplayName);
        Assert.Equal("Corinth", profile.Church);
        Assert.DoesNotContain(other.Email, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Europe/Athens", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/users/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_signs_out_other_sessions_and_the_new_password_works()
    {
        var account = await factory.RegisterVerifiedAsync();
        var current = await factory.SignInAsync(account);
        var otherSession = await factory.SignInAsync(account);
        using var client = factory.CreateClient(current.AccessToken);
        var newPassword = AccountSteps.NewPassword();

        var change = await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = account.Password, newPassword });

        await change.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        using var anonymous = factory.CreateClient();
        await (await anonymous.RefreshAsync(otherSession.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "urn:selah:problem:invalid-token");
        var old = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        await old.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "urn:selah:problem:invalid-credentials");
        await factory.LoginAsync(account.Email, newPassword);
    }

    [Fact]
    public async Task Changing_the_password_with_a_wrong_current_password_fails_and_keeps_the_old_one()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);

        var change = await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = "Not-My-Password-9", newPassword = AccountSteps.NewPassword() });

        Assert.InRange((int)change.StatusCode, 400, 403);
        Assert.Equal("application/problem+json", change.Content.Headers.ContentType?.MediaType);
        await factory.LoginAsync(signedIn.Email, signedIn.Password);
    }
}
