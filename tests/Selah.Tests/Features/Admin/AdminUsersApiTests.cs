using System.Net;
using Selah.Contracts.Accounts;
using Selah.Contracts.Admin;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Admin;

public sealed class AdminUsersApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Search_pages_newest_first_with_a_cursor()
    {
        var marker = NewMarker();
        var registered = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            registered.Add((await factory.RegisterAsync($"Paging {marker} {i}")).UserId);
        }

        using var admin = await factory.CreateAdminClientAsync();

        var first = await (await admin.GetAsync($"/api/v1/admin/users?q={marker}&limit=2")).ReadJsonAsync<Page<AdminUserResponse>>();
        Assert.Equal(2, first.Items.Count);
        Assert.False(string.IsNullOrEmpty(first.NextCursor));
        var second = await (await admin.GetAsync($"/api/v1/admin/users?q={marker}&limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}")).ReadJsonAsync<Page<AdminUserResponse>>();
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);

        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(Enumerable.Reverse(registered), all.Select(u => u.Id));
        Assert.All(all, u => Assert.Contains(marker, u.DisplayName, StringComparison.Ordinal));
        Assert.All(all, u => Assert.Equal(AccountStatus.Active, u.Status));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt), "not newest first");
    }

    [Fact]
    public async Task Search_finds_users_by_email_and_filters_by_role_and_status()
    {
        var marker = NewMarker();
        var artist = await factory.RegisterAsync($"Artist {marker}");
        var banned = await factory.RegisterAsync($"Banned {marker}");
        var plain = await factory.RegisterAsync($"Plain {marker}");
        using var admin = await factory.CreateAdminClientAsync();
        await (await admin.PutJsonAsync($"/api/v1/admin/users/{artist.UserId}/roles", new { roles = new[] { Roles.Listener, Roles.Artist } })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/v1/admin/users/{banned.UserId}/ban", new { reason = "spam" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var byEmail = await (await admin.GetAsync($"/api/v1/admin/users?q={Uri.EscapeDataString(plain.Email)}")).ReadJsonAsync<Page<AdminUserResponse>>();
        var byRole = await (await admin.GetAsync($"/api/v1/admin/users?q={marker}&role=artist")).ReadJsonAsync<Page<AdminUserResponse>>();
        var byStatus = await (await admin.GetAsync($"/api/v1/admin/users?q={marker}&status=Banned")).ReadJsonAsync<Page<AdminUserResponse>>();

        Assert.Equal(plain.UserId, Assert.Single(byEmail.Items).Id);
        Assert.Equal(artist.UserId, Assert.Single(byRole.Items).Id);
        var bannedRow = Assert.Single(byStatus.Items);
        Assert.Equal(banned.UserId, bannedRow.Id);
        Assert.Equal(AccountStatus.Banned, bannedRow.Status);
        Assert.Equal("spam", bannedRow.StatusReason);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=1000000", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("status=Deleted", "status")]
    [InlineData("role=superuser", "role")]
    public async Task Out_of_range_list_parameters_are_400_naming_the_parameter(string query, string field)
    {
        using var admin = await factory.CreateAdminClientAsync();

        var response = await admin.GetAsync($"/api/v1/admin/users?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Setting_roles_replaces_them_and_rejects_unknown_roles()
    {
        var user = await factory.RegisterVerifiedAsync();
        using var admin = await factory.CreateAdminClientAsync();

        var updated = await (await admin.PutJsonAsync($"/api/v1/admin/users/{user.UserId}/roles", new { roles = new[] { Roles.Listener, Roles.Moderator } }))
            .ReadJsonAsync<AdminUserResponse>();
        Assert.Equal([Roles.Listener, Roles.Moderator], updated.Roles.Order());
        var fetched = await (await admin.GetAsync($"/api/v1/admin/users/{user.UserId}")).ReadJsonAsync<AdminUserResponse>();
        Assert.Equal([Roles.Listener, Roles.Moderator], fetched.Roles.Order());
        var signedIn = await factory.SignInAsync(user);
        using var client = factory.CreateClient(signedIn.AccessToken);
        var me = await (await client.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Contains(Roles.Moderator, me.Roles);

        var unknown = await admin.PutJsonAsync($"/api/v1/admin/users/{user.UserId}/roles", new { roles = new[] { "superuser" } });
        await unknown.ShouldBeValidationProblemAsync("roles");
    }

    [Fact]
    public async Task Ban_makes_the_users_existing_access_token_401_at_once_and_refresh_fail()
    {
        var user = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(user.AccessToken);
        await (await client.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var admin = await factory.CreateAdminClientAsync();

        var ban = await admin.PostJsonAsync($"/api/v1/admin/users/{user.UserId}/ban", new { reason = "Repeated abuse" });
        await ban.ShouldHaveStatusAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        using var anonymous = factory.CreateClient();
        var refresh = await anonymous.RefreshAsync(user.RefreshToken);
        Assert.True(refresh.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"refresh after ban: {(int)refresh.StatusCode}");
        var login = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });
        await login.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:account-banned");
        var row = await (await admin.GetAsync($"/api/v1/admin/users/{user.UserId}")).ReadJsonAsync<AdminUserResponse>();
        Assert.Equal(AccountStatus.Banned, row.Status);
    }

    [Fact]
    public async Task Suspend_stops_tokens_and_reinstate_restores_sign_in()
    {
        var user = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(user.AccessToken);
        using var admin = await factory.CreateAdminClientAsync();
        var until = factory.Clock.UtcNow.AddDays(3);

        await (await admin.PostJsonAsync($"/api/v1/admin/users/{user.UserId}/suspend", new { until, reason = "Cooling off" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        using var anonymous = factory.CreateClient();
        var refresh = await anonymous.RefreshAsync(user.RefreshToken);
        Assert.True(refresh.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"refresh while suspended: {(int)refresh.StatusCode}");
        var login = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });
        await login.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:account-suspended");
        var suspended = await (await admin.GetAsync($"/api/v1/admin/users/{user.UserId}")).ReadJsonAsync<AdminUserResponse>();
        Assert.Equal(AccountStatus.Suspended, suspended.Status);
        Assert.NotNull(suspended.SuspendedUntil);
        Assert.InRange(suspended.SuspendedUntil.Value, until.AddSeconds(-1), until.AddSeconds(1));

        await (await admin.PostAsync($"/api/v1/admin/users/{user.UserId}/reinstate", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var again = await factory.SignInAsync(user.Account);
        using var reinstated = factory.CreateClient(again.AccessToken);
        await (await reinstated.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var row = await (await admin.GetAsync($"/api/v1/admin/users/{user.UserId}")).ReadJsonAsync<AdminUserResponse>();
        Assert.Equal(AccountStatus.Active, row.Status);
    }

    [Fact]
    public async Task A_suspension_in_the_past_is_400_naming_until()
    {
        var user = await factory.RegisterAsync();
        using var admin = await factory.CreateAdminClientAsync();

        var response = await admin.PostJsonAsync($"/api/v1/admin/users/{user.UserId}/suspend", new { until = factory.Clock.UtcNow.AddDays(-1), reason = "Too late" });

        await response.ShouldBeValidationProblemAsync("until");
    }

    [Fact]
    public async Task An_admin_cannot_ban_suspend_or_demote_themselves()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var self = await (await admin.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();

        var ban = await admin.PostJsonAsync($"/api/v1/admin/users/{self.Id}/ban", new { reason = "oops" });
        var suspend = await admin.PostJsonAsync($"/api/v1/admin/users/{self.Id}/suspend", new { until = factory.Clock.UtcNow.AddDays(1), reason = "oops" });
        var demote = await admin.PutJsonAsync($"/api/v1/admin/users/{self.Id}/roles", new { roles = new[] { Roles.Listener } });

        await ban.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await suspend.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await demote.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await admin.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var row = await (await admin.GetAsync($"/api/v1/admin/users/{self.Id}")).ReadJsonAsync<AdminUserResponse>();
        Assert.Contains(Roles.Admin, row.Roles);
        Assert.Equal(AccountStatus.Active, row.Status);
    }

    [Fact]
    public async Task Role_changes_and_bans_are_recorded_in_the_audit_log()
    {
        var user = await factory.RegisterVerifiedAsync();
        using var admin = await factory.CreateAdminClientAsync();
        var adminId = (await (await admin.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>()).Id;
        await (await admin.PutJsonAsync($"/api/v1/admin/users/{user.UserId}/roles", new { roles = new[] { Roles.Listener, Roles.Artist } })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/v1/admin/users/{user.UserId}/ban", new { reason = "Audit me" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var entries = new List<AuditEntryResponse>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/admin/audit?limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await admin.GetAsync(url)).ReadJsonAsync<Page<AuditEntryResponse>>();
            entries.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var aboutUser = entries.Where(e => Guid.TryParse(e.TargetId, out var id) && id == user.UserId).ToList();
        var roles = Assert.Single(aboutUser, e => e.Action.Contains("role", StringComparison.OrdinalIgnoreCase));
        var ban = Assert.Single(aboutUser, e => e.Action.Contains("ban", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(adminId, roles.ActorId);
        Assert.Equal(adminId, ban.ActorId);
        Assert.Contains(Roles.Artist, roles.After ?? "", StringComparison.Ordinal);
        Assert.True(ban.At >= roles.At, "audit entries out of order");
        Assert.True(entries.IndexOf(ban) < entries.IndexOf(roles), "audit log should list newest first");
    }

    [Fact]
    public async Task An_unknown_user_id_is_404()
    {
        using var admin = await factory.CreateAdminClientAsync();

        var get = await admin.GetAsync($"/api/v1/admin/users/{Guid.NewGuid()}");
        var ban = await admin.PostJsonAsync($"/api/v1/admin/users/{Guid.NewGuid()}/ban", new { reason = "ghost" });

        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await ban.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_admin_api()
    {
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/admin/audit")).StatusCode);
    }

    private static string NewMarker() => "mk" + Guid.NewGuid().ToString("N")[..10];
}
