using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Selah.Client.Api;

/// <summary>
/// Sends requests for the typed API clients: checks the status code and turns problem+json (or a network failure)
/// into an <see cref="ApiProblemException"/>, so no caller can mistake a failure for success.
/// </summary>
public sealed class ApiTransport(HttpClient http)
{
    public async Task<T> GetAsync<T>(string uri, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>GET that answers null on 401 instead of failing (who-am-I checks).</summary>
    public async Task<T?> GetOrNullWhenUnauthorizedAsync<T>(string uri, CancellationToken cancellationToken = default) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await SendRawAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task<TResponse> SendJsonAsync<TResponse>(HttpMethod method, string uri, object? body, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(Json(method, uri, body), cancellationToken);
        return await ReadAsync<TResponse>(response, cancellationToken);
    }

    public async Task SendJsonAsync(HttpMethod method, string uri, object? body, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(Json(method, uri, body), cancellationToken);
    }

    public async Task<TResponse> SendContentAsync<TResponse>(HttpMethod method, string uri, HttpContent content, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(method, uri) { Content = content }, cancellationToken);
        return await ReadAsync<TResponse>(response, cancellationToken);
    }

    private static HttpRequestMessage Json(HttpMethod method, string uri, object? body) =>
        new(method, uri) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ApiJson.Options) };

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var response = await SendRawAsync(request, cancellationToken);
            try
            {
                await EnsureSuccessAsync(response, cancellationToken);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            throw new ApiProblemException(ApiProblem.Unreachable());
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken);
            return value ?? throw new ApiProblemException(UnexpectedBody(response));
        }
        catch (JsonException)
        {
            throw new ApiProblemException(UnexpectedBody(response));
        }
    }

    private static ApiProblem UnexpectedBody(HttpResponseMessage response) =>
        new((int)response.StatusCode, "The server sent an answer this page could not read.", "Reload the page and try again.");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiProblemException(await ProblemReader.ReadAsync(response, cancellationToken));
        }
    }
}
