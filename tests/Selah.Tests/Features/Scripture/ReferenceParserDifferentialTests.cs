using System.Diagnostics;
using Selah.Server.Features.Scripture;
using Selah.Tests.Testing;
using Xunit.Abstractions;

namespace Selah.Tests.Features.Scripture;

/// <summary>
/// Compares <see cref="ReferenceParser"/> with the npm <c>bible-passage-reference-parser</c> (configured to Selah's conventions in
/// <c>tests/tools/parse-references.mjs</c>) over the generated <see cref="ReferenceCases"/>: at least 98% identical OSIS output.
/// </summary>
public sealed class ReferenceParserDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Agrees_with_bible_passage_reference_parser_on_generated_cases()
    {
        var cases = ReferenceCases.Generate();
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        var file = Path.Combine(Path.GetTempPath(), $"selah-references-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, cases);
        try
        {
            var reference = await RunNodeAsync(Path.Combine(TestEnvironment.ToolsDirectory, "parse-references.mjs"), file);
            Assert.Equal(cases.Count, reference.Count);

            var mismatches = new List<string>();
            for (var k = 0; k < cases.Count; k++)
            {
                var ours = ReferenceParser.ToOsis(ReferenceParser.Parse(cases[k]));
                if (ours != reference[k])
                {
                    mismatches.Add($"'{cases[k]}': selah '{ours}', npm '{reference[k]}'");
                }
            }

            foreach (var mismatch in mismatches)
            {
                output.WriteLine(mismatch);
            }

            var agreement = 1.0 - (double)mismatches.Count / cases.Count;
            output.WriteLine($"{cases.Count - mismatches.Count}/{cases.Count} identical ({agreement:P2})");
            Assert.True(agreement >= 0.98, $"{mismatches.Count} of {cases.Count} differ:\n{string.Join('\n', mismatches)}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<IReadOnlyList<string>> RunNodeAsync(string script, string argument)
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout;
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(script)} exited {process.ExitCode}: {await stderr}");
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
