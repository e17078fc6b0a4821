using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Selah.Server.Infrastructure.Web;

/// <summary>
/// Validates the bound arguments before the handler runs: data annotations on Selah's request records, and control
/// characters in any string (U+0000 cannot be stored in PostgreSQL text and breaks mail headers; other C0 controls
/// except tab and line breaks are never meaningful input). Answers 400 naming the camelCase field the client sent.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> StringProperties = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, List<string>>();
        var parameters = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters();
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            var argument = context.Arguments[i];
            if (argument is string text)
            {
                CheckText(errors, parameters is not null && i < parameters.Length ? parameters[i].Name ?? "value" : "value", text);
                continue;
            }

            if (argument is null || !IsSelahRecord(argument.GetType()))
            {
                continue;
            }

            foreach (var property in StringProperties.GetOrAdd(argument.GetType(), FindStringProperties))
            {
                switch (property.GetValue(argument))
                {
                    case string value:
                        CheckText(errors, property.Name, value);
                        break;
                    case IEnumerable<string> values:
                        foreach (var value in values)
                        {
                            CheckText(errors, property.Name, value ?? "");
                        }

                        break;
                }
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(argument, new ValidationContext(argument), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                    {
                        Add(errors, member, result.ErrorMessage ?? "The value is not valid.");
                    }
                }
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray()));
        }

        return await next(context);
    }

    private static void CheckText(Dictionary<string, List<string>> errors, string field, string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                Add(errors, field, "The value contains control characters.");
                return;
            }
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string member, string message)
    {
        var key = JsonNamingPolicy.CamelCase.ConvertName(member);
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    private static bool IsSelahRecord(Type type) =>
        type.Namespace?.StartsWith("Selah.", StringComparison.Ordinal) == true && !typeof(IEnumerable).IsAssignableFrom(type);

    private static PropertyInfo[] FindStringProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0
                && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))
            .ToArray();
}
