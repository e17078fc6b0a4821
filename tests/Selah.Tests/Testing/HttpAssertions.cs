using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Selah.Tests.Testing;

public static class HttpAssertions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, TestJson.Options);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, TestJson.Options);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, TestJson.Options);

    /// <summary>Posts <paramref name="json"/> verbatim (for malformed or oversized bodies).</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Asserts the status code, with the response body in the failure message; returns the body.</summary>
    public static async Task<string> ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}. Body: {Truncate(body)}");
        return body;
    }

    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.ShouldHaveStatusAsync(expected);
        var value = JsonSerializer.Deserialize<T>(body, TestJson.Options);
        Assert.NotNull(value);
        return value;
    }

    /// <summary>
    /// Asserts an RFC 9457 problem response: the status code, <c>Content-Type: application/problem+json</c>, a matching
    /// <c>status</c> member and (when given) the <c>type</c>. Returns the parsed body.
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? type = null)
    {
        var body = await response.ShouldHaveStatusAsync(status);
        var where = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True(
            response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{where}: expected Content-Type application/problem+json, got '{response.Content.Headers.ContentType}'. Body: {Truncate(body)}");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(problem.TryGetProperty("status", out var statusMember), $"{where}: problem has no 'status'. Body: {Truncate(body)}");
        Assert.Equal((int)status, statusMember.GetInt32());
        if (type is not null)
        {
            Assert.True(
                problem.TryGetProperty("type", out var typeMember) && typeMember.GetString() == type,
                $"{where}: expected problem type '{type}'. Body: {Truncate(body)}");
        }

        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> object names each of <paramref name="fields"/> (exact, camelCase).</summary>
    public static async Task<JsonElement> ShouldBeValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var keys = ErrorKeys(problem);
        foreach (var field in fields)
        {
            Assert.True(keys.Contains(field), $"Expected errors to name '{field}'; errors has [{string.Join(", ", keys)}]. Body: {problem}");
        }

        return problem;
    }

    public static IReadOnlyList<string> ErrorKeys(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(p => p.Name).ToList()
            : [];

    public static string? Member(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The <c>Retry-After</c> header in seconds (asserting it is present and positive).</summary>
    public static int ShouldHaveRetryAfter(this HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        Assert.True(retryAfter is not null, $"Expected a Retry-After header; headers: {response.Headers}");
        var seconds = retryAfter.Delta?.TotalSeconds
            ?? (retryAfter.Date is { } date ? (date - DateTimeOffset.UtcNow).TotalSeconds : 0);
        Assert.True(seconds > 0, $"Retry-After should be a positive number of seconds, was '{retryAfter}'.");
        return (int)Math.Ceiling(seconds);
    }

    public static AuthenticationHeaderValue Bearer(string accessToken) => new("Bearer", accessToken);

    private static string Truncate(string body) => body.Length > 2000 ? body[..2000] + "…" : body;
}
