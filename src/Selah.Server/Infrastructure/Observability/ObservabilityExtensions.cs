using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Selah.Server.Infrastructure.Observability;

public static class ObservabilityExtensions
{
    /// <summary>Structured JSON logs with request scopes, Prometheus metrics (HTTP, runtime, database) and health checks.</summary>
    public static IHostApplicationBuilder AddSelahObservability(this IHostApplicationBuilder builder)
    {
        // JSON lines for log collectors, unless a formatter is chosen explicitly (scripts/run.sh picks the readable one).
        if (!builder.Environment.IsDevelopment() && builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true; // RequestId, TraceId and the request path come with every line
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("selah"))
            .WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "Microsoft.EntityFrameworkCore", "Npgsql", "Selah")
            .AddPrometheusExporter());

        builder.Services.AddHealthChecks();
        return builder;
    }

    public static IEndpointRouteBuilder MapSelahOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteReadinessAsync,
        }).ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            totalMilliseconds = report.TotalDuration.TotalMilliseconds,
            entries = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMilliseconds = e.Value.Duration.TotalMilliseconds,
            }),
        });
    }
}
