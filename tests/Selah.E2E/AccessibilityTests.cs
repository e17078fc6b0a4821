using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>axe-core (from tests/tools/node_modules) on the public pages: no serious or critical violations.</summary>
public sealed class AccessibilityTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "a11y")
{
    // One browser context for all pages, so the WebAssembly runtime is downloaded once (HTTP cache), not per page.
    private static readonly (string Path, string ReadyField)[] PublicPages =
    [
        ("/signin", "Password"),
        ("/signup", "Display name"),
        ("/verify?email=someone%40example.com", "Code"),
    ];

    [Fact]
    public Task Public_pages_have_no_serious_or_critical_axe_violations() => RunAsync(async () =>
    {
        var axePath = Path.Combine(RepoPaths.ToolsDir, "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axePath), $"{axePath} is missing: run `npm ci` in tests/tools (scripts/test.sh does).");

        var blocking = new StringBuilder();
        foreach (var (path, readyField) in PublicPages)
        {
            await OpenAsync(path);
            await Assertions.Expect(Field(readyField)).ToBeVisibleAsync();
            await Page.AddScriptTagAsync(new() { Path = axePath });
            var violations = await Page.EvaluateAsync<JsonElement>(
                "async () => { const r = await axe.run(document, { resultTypes: ['violations'] });" +
                " return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help," +
                " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })); }");
            await ScreenshotAsync(path.Trim('/').Split('?')[0]);

            foreach (var v in violations.EnumerateArray())
            {
                var impact = v.GetProperty("impact").GetString();
                var line = $"{path}: {impact}: {v.GetProperty("id")} – {v.GetProperty("help")} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray())}";
                Output.WriteLine(line);
                if (impact is "serious" or "critical")
                {
                    blocking.AppendLine(line);
                }
            }
        }

        Assert.True(blocking.Length == 0, $"axe found serious/critical violations:\n{blocking}");
    });
}
