using System.Net;
using System.Net.Http.Json;
using Selah.Contracts.Accounts;

namespace Selah.Client.Api;

/// <summary>
/// Adds the antiforgery header to unsafe requests. The token is fetched lazily from <c>GET /api/v1/auth/antiforgery</c>,
/// cached, and dropped whenever the signed-in user may have changed (it is bound to the user); a request the server
/// rejects for a stale token is retried once with a fresh one.
/// </summary>
public sealed class AntiforgeryHandler : DelegatingHandler
{
    private const string TokenPath = "api/v1/auth/antiforgery";
    private const string DefaultHeaderName = "X-XSRF-TOKEN";

    // Answers to these change who the cookie belongs to, so the cached token no longer matches.
    private static readonly string[] IdentityChangingPaths =
    [
        "/api/v1/auth/login", "/api/v1/auth/login/2fa", "/api/v1/auth/google", "/api/v1/auth/logout",
        "/api/v1/auth/reset-password", "/api/v1/me/password",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AntiforgeryTokenResponse? _token;

    /// <summary>Forgets the cached token; call after signing in or out.</summary>
    public void Invalidate() => _token = null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsUnsafe(request.Method))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (request.Content is not null)
        {
            // Buffer so the body can be sent a second time if the token has to be renewed.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        await AttachTokenAsync(request, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);

        if (await IsAntiforgeryFailureAsync(response, cancellationToken))
        {
            response.Dispose();
            Invalidate();
            await AttachTokenAsync(request, cancellationToken);
            response = await base.SendAsync(request, cancellationToken);
        }

        if (IdentityChangingPaths.Contains(request.RequestUri?.AbsolutePath, StringComparer.OrdinalIgnoreCase))
        {
            Invalidate();
        }

        return response;
    }

    private async Task AttachTokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(request.RequestUri!, cancellationToken);
        var headerName = string.IsNullOrEmpty(token.HeaderName) ? DefaultHeaderName : token.HeaderName;
        request.Headers.Remove(headerName);
        request.Headers.TryAddWithoutValidation(headerName, token.Token);
    }

    private async Task<AntiforgeryTokenResponse> GetTokenAsync(Uri requestUri, CancellationToken cancellationToken)
    {
        if (_token is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fetched)
            {
                return fetched;
            }

            using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(requestUri, "/" + TokenPath));
            using var response = await base.SendAsync(tokenRequest, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiProblemException(await ProblemReader.ReadAsync(response, cancellationToken));
            }

            _token = await response.Content.ReadFromJsonAsync<AntiforgeryTokenResponse>(ApiJson.Options, cancellationToken)
                ?? throw new ApiProblemException(new ApiProblem(500, "The server sent no antiforgery token."));
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<bool> IsAntiforgeryFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var problem = await ProblemReader.ReadAsync(response, cancellationToken);
        return problem.Is("antiforgery");
    }

    private static bool IsUnsafe(HttpMethod method) =>
        method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Options && method != HttpMethod.Trace;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
