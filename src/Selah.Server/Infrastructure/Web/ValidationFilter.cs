using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Selah.Server.Infrastructure.Web;

/// <summary>
/// Validates every request-body argument carrying data annotations (the records in Selah.Contracts) and answers 400
/// with the camelCase field names the client sent, before the handler runs.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, List<string>>? errors = null;
        foreach (var argument in context.Arguments)
        {
            if (argument is null || !IsContract(argument.GetType()))
            {
                continue;
            }

            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(argument, new ValidationContext(argument), results, validateAllProperties: true))
            {
                continue;
            }

            errors ??= [];
            foreach (var result in results)
            {
                foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                {
                    var key = JsonNamingPolicy.CamelCase.ConvertName(member);
                    if (!errors.TryGetValue(key, out var list))
                    {
                        errors[key] = list = [];
                    }

                    list.Add(result.ErrorMessage ?? "The value is not valid.");
                }
            }
        }

        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        return await next(context);
    }

    private static bool IsContract(Type type) =>
        type.Namespace?.StartsWith("Selah.Contracts", StringComparison.Ordinal) == true && !typeof(IEnumerable).IsAssignableFrom(type);
}
