namespace Selah.Client.Api;

/// <summary>
/// What went wrong with an API call, as the pages show it: the RFC 9457 problem's title/detail and its field errors
/// (keys are the server's camelCase field names).
/// </summary>
public sealed record ApiProblem(int Status, string Title, string? Detail = null, string? Type = null)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Seconds to wait before trying again (429 <c>Retry-After</c>), when the server said.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The short name of a Selah problem type: <c>urn:selah:problem:email-not-verified</c> → <c>email-not-verified</c>.</summary>
    public string? Name => Type is { } t && t.StartsWith(ProblemTypePrefix, StringComparison.Ordinal) ? t[ProblemTypePrefix.Length..] : null;

    public bool Is(string name) => string.Equals(Name, name, StringComparison.Ordinal);

    /// <summary>The first message for a field, or null; pass the camelCase name the server uses.</summary>
    public string? ErrorFor(string field) =>
        Errors.TryGetValue(field, out var messages) && messages.Length > 0 ? string.Join(" ", messages) : null;

    public const string ProblemTypePrefix = "urn:selah:problem:";

    public static ApiProblem Unreachable() =>
        new(0, "Could not reach the server.", "Check your connection and try again.");
}

/// <summary>Thrown by the typed API clients for any non-success answer; pages catch it and show <see cref="Problem"/>.</summary>
public sealed class ApiProblemException(ApiProblem problem) : Exception(problem.Title)
{
    public ApiProblem Problem { get; } = problem;
}
