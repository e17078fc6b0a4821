using System.Diagnostics;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Storage;
using Selah.Tests.Testing;

namespace Selah.Tests.Infrastructure.Storage;

/// <summary>
/// The npm <c>s3rver</c> S3-compatible server on 127.0.0.1 (a free port, a temp directory, bucket <see cref="Bucket"/>),
/// started through <c>tests/tools/s3rver.mjs</c> and stopped on dispose.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "selah-test";
    public const string AccessKey = "S3RVER"; // s3rver's built-in account
    public const string SecretKey = "S3RVER";

    private readonly string _directory = Directory.CreateTempSubdirectory("selah-s3rver-").FullName;
    private Process? _process;

    public Uri ServiceUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(TestEnvironment.ToolsDirectory, "s3rver.mjs");
        if (!File.Exists(Path.Combine(TestEnvironment.ToolsDirectory, "node_modules", "s3rver", "package.json")))
        {
            throw new InvalidOperationException($"s3rver is not installed: run 'npm ci' in {TestEnvironment.ToolsDirectory}.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestEnvironment.ToolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "0", _directory, Bucket })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var errors = _process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException($"s3rver exited before it was ready: {await errors}");
            }

            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                ServiceUrl = new Uri($"http://127.0.0.1:{int.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture)}");
                return;
            }
        }
    }

    /// <summary>Configuration keys pointing the server at this s3rver.</summary>
    public IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Selah:Storage:Provider"] = "S3",
        ["Selah:Storage:S3:ServiceUrl"] = ServiceUrl.ToString(),
        ["Selah:Storage:S3:Bucket"] = Bucket,
        ["Selah:Storage:S3:AccessKey"] = AccessKey,
        ["Selah:Storage:S3:SecretKey"] = SecretKey,
    };

    internal S3FileStorage CreateStorage(int partSizeMegabytes = 5) => new(Options.Create(new StorageOptions
    {
        Provider = StorageProvider.S3,
        S3 = new S3StorageOptions
        {
            ServiceUrl = ServiceUrl.ToString(),
            Bucket = Bucket,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            PartSizeMegabytes = partSizeMegabytes,
        },
    }));

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // s3rver may still be closing a file; the OS temp cleaner gets it.
        }
    }
}
