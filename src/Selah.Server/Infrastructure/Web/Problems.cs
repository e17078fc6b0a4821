using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Selah.Server.Infrastructure.Web;

/// <summary>Builders for Selah's RFC 9457 problem responses (types are <c>urn:selah:problem:&lt;name&gt;</c>).</summary>
public static class Problems
{
    public static string Type(string name) => $"urn:selah:problem:{name}";

    public static ProblemHttpResult Create(int status, string name, string title, string? detail = null) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = Type(name), Title = title, Detail = detail });

    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "not-found", $"{what} was not found.");

    public static ProblemHttpResult Conflict(string name, string title, string? detail = null) =>
        Create(StatusCodes.Status409Conflict, name, title, detail);

    public static ProblemHttpResult Forbidden(string name, string title, string? detail = null) =>
        Create(StatusCodes.Status403Forbidden, name, title, detail);
}

/// <summary>
/// A domain rule broken deep inside a service; <see cref="ProblemExceptionHandler"/> turns it into problem+json.
/// Endpoints prefer returning typed results; this is for rules checked below the endpoint.
/// </summary>
public sealed class ProblemException(int status, string name, string title, string? detail = null, TimeSpan? retryAfter = null)
    : Exception(title)
{
    public int Status { get; } = status;
    public string Name { get; } = name;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
