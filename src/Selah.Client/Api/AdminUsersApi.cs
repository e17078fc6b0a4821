using Selah.Contracts.Admin;

namespace Selah.Client.Api;

/// <summary>What to list on the admin users page.</summary>
public sealed record AdminUserQuery(string? Search, string? Role, AccountStatus? Status)
{
    public static AdminUserQuery Everyone { get; } = new(null, null, null);
}

/// <summary>User administration (<c>/api/v1/admin/users</c>, role admin).</summary>
public sealed class AdminUsersApi(ApiTransport transport)
{
    private const string Base = "api/v1/admin/users";
    public const int PageSize = 25;

    public Task<Page<AdminUserResponse>> ListAsync(AdminUserQuery query, string? cursor, CancellationToken cancellationToken = default)
    {
        var parameters = new List<string> { $"limit={PageSize}" };
        Add(parameters, "q", query.Search);
        Add(parameters, "role", query.Role);
        Add(parameters, "status", query.Status?.ToString());
        Add(parameters, "cursor", cursor);
        return transport.GetAsync<Page<AdminUserResponse>>($"{Base}?{string.Join('&', parameters)}", cancellationToken);
    }

    public Task<AdminUserResponse> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<AdminUserResponse>($"{Base}/{id}", cancellationToken);

    public Task<AdminUserResponse> SetRolesAsync(Guid id, SetRolesRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<AdminUserResponse>(HttpMethod.Put, $"{Base}/{id}/roles", request, cancellationToken);

    /// <summary>Suspends, then reads the user back so the row shows the server's view.</summary>
    public async Task<AdminUserResponse> SuspendAsync(Guid id, SuspendUserRequest request, CancellationToken cancellationToken = default)
    {
        await transport.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/suspend", request, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<AdminUserResponse> BanAsync(Guid id, BanUserRequest request, CancellationToken cancellationToken = default)
    {
        await transport.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/ban", request, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<AdminUserResponse> ReinstateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await transport.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/reinstate", null, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    private static void Add(List<string> parameters, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parameters.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
