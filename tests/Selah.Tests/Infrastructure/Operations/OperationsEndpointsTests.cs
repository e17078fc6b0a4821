using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Selah.Tests.Testing;

namespace Selah.Tests.Infrastructure.Operations;

public sealed class OperationsEndpointsTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Liveness_and_readiness_are_200()
    {
        using var client = factory.CreateClient();

        await (await client.GetAsync("/health/live")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var ready = await (await client.GetAsync("/health/ready")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Contains("database", ready, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Metrics_expose_http_request_durations_in_Prometheus_format()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/auth/antiforgery")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string metrics;
        do
        {
            var response = await client.GetAsync("/metrics");
            metrics = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            if (metrics.Contains("http_server_request_duration", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_valid_and_lists_the_auth_me_and_admin_paths()
    {
        using var client = factory.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        using var json = JsonDocument.Parse(document);
        Assert.StartsWith("3.1", json.RootElement.GetProperty("openapi").GetString());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/v1/auth/register", "/api/v1/auth/verify-email", "/api/v1/auth/resend-verification", "/api/v1/auth/login",
            "/api/v1/auth/login/2fa", "/api/v1/auth/google", "/api/v1/auth/refresh", "/api/v1/auth/logout",
            "/api/v1/auth/forgot-password", "/api/v1/auth/reset-password", "/api/v1/auth/antiforgery",
            "/api/v1/me", "/api/v1/me/password", "/api/v1/me/avatar", "/api/v1/me/2fa/setup", "/api/v1/me/2fa/enable",
            "/api/v1/admin/users", "/api/v1/admin/audit",
        ];
        var missing = expected.Where(p => !paths.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"OpenAPI paths missing: {string.Join(", ", missing)}; has: {string.Join(", ", paths.Order())}");
        Assert.Contains(paths, p => p.StartsWith("/api/v1/admin/users/{", StringComparison.Ordinal) && p.EndsWith("}/ban", StringComparison.Ordinal));

        var file = Path.Combine(factory.DataDirectory, "openapi-v1.json");
        await File.WriteAllTextAsync(file, document);
        var (exitCode, output) = await RunNodeAsync(Path.Combine(TestEnvironment.ToolsDirectory, "validate-openapi.mjs"), file);
        Assert.True(exitCode == 0, $"validate-openapi.mjs exited {exitCode}:\n{output}");
    }

    [Fact]
    public async Task The_API_reference_is_an_HTML_page()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/docs");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_API_routes_are_404_problems()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/does-not-exist");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string script, string argument)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, argument },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
