using System.Net;
using System.Text.Json;

namespace Selah.Client.Api;

/// <summary>Reads an error response (problem+json or not) into an <see cref="ApiProblem"/>.</summary>
public static class ProblemReader
{
    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)Math.Ceiling(delta.TotalSeconds) : (int?)null;
        var fallback = new ApiProblem(status, FallbackTitle(response.StatusCode)) { RetryAfterSeconds = retryAfter };

        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return fallback;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return fallback;
            }

            return new ApiProblem(
                status,
                String(root, "title") ?? fallback.Title,
                String(root, "detail"),
                String(root, "type"))
            {
                Errors = Errors(root),
                RetryAfterSeconds = retryAfter,
            };
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string[]> Errors(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("errors", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return errors;
        }

        foreach (var field in element.EnumerateObject())
        {
            errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                ? [.. field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!)]
                : field.Value.ValueKind == JsonValueKind.String ? [field.Value.GetString()!] : [];
        }

        return errors;
    }

    private static string FallbackTitle(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in to continue.",
        HttpStatusCode.Forbidden => "You don't have permission to do that.",
        HttpStatusCode.NotFound => "That was not found.",
        HttpStatusCode.RequestEntityTooLarge => "That file is too large.",
        HttpStatusCode.TooManyRequests => "Too many attempts. Please wait and try again.",
        >= HttpStatusCode.InternalServerError => "Something went wrong on the server. Please try again.",
        _ => "The request could not be completed.",
    };
}
