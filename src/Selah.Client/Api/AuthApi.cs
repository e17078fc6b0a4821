using Selah.Contracts.Accounts;

namespace Selah.Client.Api;

/// <summary>Accounts endpoints (<c>/api/v1/auth</c>) in browser cookie mode.</summary>
public sealed class AuthApi(ApiTransport transport)
{
    private const string Base = "api/v1/auth";

    public Task<RegisterResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<RegisterResponse>(HttpMethod.Post, $"{Base}/register", request, cancellationToken);

    public Task VerifyEmailAsync(VerifyEmailRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"{Base}/verify-email", request, cancellationToken);

    public Task ResendVerificationAsync(EmailRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"{Base}/resend-verification", request, cancellationToken);

    /// <summary>Signs in; the server sets the auth cookie, or answers that a second factor is needed.</summary>
    public Task<LoginResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<LoginResponse>(HttpMethod.Post, $"{Base}/login?useCookies=true", request, cancellationToken);

    public Task<LoginResponse> LoginTwoFactorAsync(TwoFactorLoginRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<LoginResponse>(HttpMethod.Post, $"{Base}/login/2fa?useCookies=true", request, cancellationToken);

    public Task LogoutAsync(CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"{Base}/logout", new LogoutRequest(), cancellationToken);

    public Task ForgotPasswordAsync(EmailRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"{Base}/forgot-password", request, cancellationToken);

    public Task ResetPasswordAsync(ResetPasswordRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"{Base}/reset-password", request, cancellationToken);
}
