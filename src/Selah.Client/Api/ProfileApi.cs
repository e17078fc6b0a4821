using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.Forms;
using Selah.Contracts.Accounts;

namespace Selah.Client.Api;

/// <summary>The signed-in user's own account (<c>/api/v1/me</c>).</summary>
public sealed class ProfileApi(ApiTransport transport)
{
    private const string Base = "api/v1/me";

    /// <summary>Largest avatar the server accepts.</summary>
    public const long MaxAvatarBytes = 5 * 1024 * 1024;

    /// <summary>The current user, or null when nobody is signed in.</summary>
    public Task<MeResponse?> GetMeOrNullAsync(CancellationToken cancellationToken = default) =>
        transport.GetOrNullWhenUnauthorizedAsync<MeResponse>(Base, cancellationToken);

    public Task<MeResponse> UpdateAsync(UpdateMeRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<MeResponse>(HttpMethod.Patch, Base, request, cancellationToken);

    public Task ChangePasswordAsync(ChangePasswordRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"{Base}/password", request, cancellationToken);

    public async Task<MeResponse> UploadAvatarAsync(IBrowserFile file, CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent();
        var stream = new StreamContent(file.OpenReadStream(MaxAvatarBytes, cancellationToken));
        stream.Headers.ContentType = new MediaTypeHeaderValue(string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType);
        content.Add(stream, "file", file.Name);
        return await transport.SendContentAsync<MeResponse>(HttpMethod.Put, $"{Base}/avatar", content, cancellationToken);
    }

    public Task RemoveAvatarAsync(CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"{Base}/avatar", null, cancellationToken);

    public Task<TwoFactorSetupResponse> SetUpTwoFactorAsync(CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<TwoFactorSetupResponse>(HttpMethod.Post, $"{Base}/2fa/setup", null, cancellationToken);

    public Task<RecoveryCodesResponse> EnableTwoFactorAsync(TwoFactorCodeRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<RecoveryCodesResponse>(HttpMethod.Post, $"{Base}/2fa/enable", request, cancellationToken);

    public Task DisableTwoFactorAsync(TwoFactorCodeRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"{Base}/2fa/disable", request, cancellationToken);

    public Task<RecoveryCodesResponse> NewRecoveryCodesAsync(CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<RecoveryCodesResponse>(HttpMethod.Post, $"{Base}/2fa/recovery-codes", null, cancellationToken);
}
