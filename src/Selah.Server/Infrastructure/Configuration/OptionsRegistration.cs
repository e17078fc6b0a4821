using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Selah.Server.Infrastructure.Configuration;

public static class OptionsRegistration
{
    /// <summary>
    /// Binds a section to <typeparamref name="T"/>, validates its data annotations at start-up and reports failures
    /// with the configuration key (e.g. <c>Selah:Database:Provider</c>) so an operator knows what to fix.
    /// </summary>
    public static OptionsBuilder<T> AddSelahOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new KeyedAnnotationValidator<T>(section));
        return services.AddOptions<T>().BindConfiguration(section, o => o.ErrorOnUnknownConfiguration = false).ValidateOnStart();
    }

    /// <summary>Reads a section eagerly (for choices made while registering services), throwing a keyed message when it cannot bind.</summary>
    public static T ReadSection<T>(this IConfiguration configuration, string section)
        where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(section, typeof(T), [$"{section}: {ex.InnerException?.Message ?? ex.Message}"]);
        }
    }

    private sealed class KeyedAnnotationValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(results.Select(r =>
                $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
