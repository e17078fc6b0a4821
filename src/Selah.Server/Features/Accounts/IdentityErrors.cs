using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Selah.Server.Features.Accounts;

internal static class IdentityErrors
{
    /// <summary>Identity's password errors as a validation problem on <paramref name="field"/>.</summary>
    public static ValidationProblem ToValidationProblem(this IdentityResult result, string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [field] = result.Errors.Select(e => e.Description).ToArray(),
        });

    public static bool IsPasswordError(this IdentityResult result) =>
        result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal));
}
