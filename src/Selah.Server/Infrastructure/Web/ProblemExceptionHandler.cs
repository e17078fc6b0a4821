using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Selah.Server.Infrastructure.Web;

/// <summary>
/// The one error path: maps exceptions to problem details. Bad requests (malformed JSON, oversize bodies, failed
/// antiforgery) keep their 4xx status and name the offending field; anything else is a 500 without internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => Build(context, p),
            BadHttpRequestException bad => FromBadRequest(bad),
            AntiforgeryValidationException => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Type = Problems.Type("antiforgery"),
                Title = "The antiforgery token is missing or invalid.",
                Detail = "Send the token from GET /api/v1/auth/antiforgery in the X-XSRF-TOKEN header.",
            },
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = 499;
                return true;
            }

            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            };
        }

        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Build(HttpContext context, ProblemException p)
    {
        if (p.RetryAfter is { } retry)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString();
        }

        return new ProblemDetails { Status = p.Status, Type = Problems.Type(p.Name), Title = p.Title, Detail = p.Detail };
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = 413, Type = Problems.Type("payload-too-large"), Title = "The request body is too large." };
        }

        if (bad.InnerException is JsonException json)
        {
            var field = FieldFromJsonPath(json.Path);
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json.Path is null or "$" ? "The request body is not valid JSON." : $"The value at {json.Path} is not valid."],
            })
            {
                Status = 400,
                Title = "The request body is not valid JSON.",
            };
        }

        if (BindingFailure().Match(bad.Message) is { Success: true } binding)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(binding.Groups["name"].Value);
            var message = binding.Groups["value"].Success
                ? $"'{binding.Groups["value"].Value}' is not a valid value for {name}."
                : $"{name} is required.";
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [message] })
            {
                Status = 400,
                Title = "One or more parameters are not valid.",
            };
        }

        return new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == 415 ? "Unsupported media type." : "The request is not valid.",
            Detail = bad.Message,
        };
    }

    // Minimal APIs' binding messages: 'Failed to bind parameter "Nullable<int> Limit" from "ten".' and
    // 'Required parameter "string Q" was not provided from query string.'
    [GeneratedRegex("""^(?:Failed to bind parameter "(?:[^"]*\s)?(?<name>\w+)" from "(?<value>[^"]*)"|Required parameter "(?:[^"]*\s)?(?<name>\w+)" was not provided)""")]
    private static partial Regex BindingFailure();

    /// <summary>"$.favouriteGenres[2]" → "favouriteGenres[2]"; "$" (or unknown) → "$".</summary>
    private static string FieldFromJsonPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
