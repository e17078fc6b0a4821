using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Selah.Server.Components;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Infrastructure.Web;

public static class WebExtensions
{
    /// <summary>Problem details, JSON conventions, OpenAPI, antiforgery, rate-limit settings and the Blazor host.</summary>
    public static IHostApplicationBuilder AddSelahWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSelahOptions<SelahOptions>(SelahOptions.Section);
        services.AddSelahOptions<DemoOptions>(DemoOptions.Section);
        services.AddSelahOptions<RateLimitOptions>(RateLimitOptions.Section);
        services.AddSingleton(TimeProvider.System);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Turn binding failures (malformed JSON, wrong types) into exceptions so the handler can name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            // Enum values on the wire are camelCase ("ready", "prayerRequest"); reading accepts any case.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.MaxDepth = 32;
        });

        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-XSRF-TOKEN";
            o.Cookie.Name = "selah.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        });

        services.AddSelahOpenApi();
        services.AddRazorComponents().AddInteractiveWebAssemblyComponents();
        return builder;
    }

    /// <summary>The request pipeline, in order: errors, proxies, static files, auth, CSRF, body limits.</summary>
    /// <summary>
    /// The folder of a published build (it has <c>wwwroot</c> beside the assembly) when the process was started from a
    /// folder without one; otherwise null, keeping the default (the working directory, as <c>dotnet run</c> and the test
    /// host expect — build output serves its assets through the static web assets manifest instead).
    /// </summary>
    public static string? PublishedContentRoot()
    {
        var published = AppContext.BaseDirectory;
        return Directory.Exists(Path.Combine(published, "wwwroot")) && !Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"))
            ? published
            : null;
    }

    public static WebApplication UseSelahWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        // API clients get problem+json for bare status codes; a browser deep link to an unknown page gets the app,
        // whose router shows its not-found page (status stays 404).
        app.UseWhen(
            context => IsApiOrOperations(context.Request.Path),
            api => api.UseStatusCodePages());
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) && !IsApiOrOperations(context.Request.Path) && !Path.HasExtension(context.Request.Path.Value),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found"));
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseWebAssemblyDebugging();
        }

        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<CookieAntiforgeryMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    private static bool IsApiOrOperations(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics")
        || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/hubs");

    public static WebApplication MapSelahWebApp(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Selah API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(Selah.Client.Routes).Assembly);
        return app;
    }
}
