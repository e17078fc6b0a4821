using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Selah.E2E.Infrastructure;

/// <summary>
/// The real Selah server as a child process (<c>dotnet Selah.Server.dll --urls http://127.0.0.1:PORT</c>) with a fresh
/// data directory (SQLite, mail pickup folder), no demo content and a bootstrap admin. Ready once <c>/health/ready</c> answers 200.
/// </summary>
public sealed class SelahServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();

    public string BaseUrl { get; }
    public string DataDirectory { get; }
    public string MailDirectory => Path.Combine(DataDirectory, "mail");
    public string AdminEmail { get; }
    public string AdminPassword { get; }

    private SelahServer(Process process, string baseUrl, string dataDirectory, string adminEmail, string adminPassword)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        AdminEmail = adminEmail;
        AdminPassword = adminPassword;
    }

    /// <summary>Everything the server wrote to stdout/stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The last <paramref name="maxChars"/> characters of the server output, for failure messages.</summary>
    public string OutputTail(int maxChars = 6000)
    {
        var all = Output;
        return all.Length <= maxChars ? all : "…" + all[^maxChars..];
    }

    /// <param name="settings">Extra environment settings (e.g. <c>Selah__Bible__Translations</c>), applied after the defaults.</param>
    public static async Task<SelahServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = RepoPaths.ServerDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"Server assembly not found: {dll}. Build first (dotnet build Selah.slnx -c Release) or set SELAH_E2E_SERVER_DLL.");
        }

        var port = FreeTcpPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var dataDirectory = Path.Combine(Path.GetTempPath(), "selah-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        const string adminEmail = "admin@e2e.selah.test";
        var adminPassword = "E2e-admin-" + Guid.NewGuid().ToString("N")[..16];

        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(baseUrl);

        // Configuration comes only from here: drop anything Selah-related inherited from the caller's environment.
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("Selah__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase)
                || key.Equals("ASPNETCORE_HTTP_PORTS", StringComparison.OrdinalIgnoreCase)
                || key.Equals("ASPNETCORE_HTTPS_PORTS", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["Selah__DataDirectory"] = dataDirectory;
        psi.Environment["Selah__Demo__Enabled"] = "false";
        psi.Environment["Selah__Bible__Translations"] = ""; // journeys that need a Bible import it themselves (it costs CPU at start-up)
        psi.Environment["Selah__Admin__Email"] = adminEmail;
        psi.Environment["Selah__Admin__Password"] = adminPassword;
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var environment = Environment.GetEnvironmentVariable("SELAH_E2E_ENVIRONMENT");
        if (!string.IsNullOrWhiteSpace(environment))
        {
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var server = new SelahServer(process, baseUrl, dataDirectory, adminEmail, adminPassword);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("could not start `dotnet` for the server");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // flush the asynchronous output readers
                throw new InvalidOperationException(
                    $"The Selah server exited with code {_process.ExitCode} before it was ready.\n--- server output ---\n{OutputTail(3000)}");
            }

            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"/health/ready answered {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                lastProblem = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"The Selah server at {BaseUrl} was not ready within {StartTimeout.TotalSeconds:0}s ({lastProblem}).\n--- server output ---\n{OutputTail()}");
    }

    /// <summary>
    /// Waits for the newest <c>.eml</c> file in the mail pickup folder that is addressed to <paramref name="recipient"/>
    /// and was written after <paramref name="notBefore"/>, and returns the 6-digit code it carries.
    /// </summary>
    public async Task<string> WaitForEmailCodeAsync(string recipient, DateTime notBeforeUtc, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        var seen = "no .eml files";
        while (clock.Elapsed < limit)
        {
            if (Directory.Exists(MailDirectory))
            {
                var files = new DirectoryInfo(MailDirectory).GetFiles("*.eml", SearchOption.AllDirectories)
                    .Where(f => f.LastWriteTimeUtc >= notBeforeUtc.AddSeconds(-2))
                    .OrderByDescending(f => f.LastWriteTimeUtc)
                    .ToList();
                seen = $"{files.Count} recent .eml file(s)";
                foreach (var file in files)
                {
                    string raw;
                    try
                    {
                        raw = await File.ReadAllTextAsync(file.FullName);
                    }
                    catch (IOException)
                    {
                        continue; // still being written
                    }

                    if (!raw.Contains(recipient, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var code = EmlMessage.FindSixDigitCode(raw);
                    if (code is not null)
                    {
                        return code;
                    }

                    seen = $"{file.Name} is addressed to {recipient} but has no 6-digit code";
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No email with a 6-digit code for {recipient} in {MailDirectory} within {limit.TotalSeconds:0}s ({seen}).\n--- server output ---\n{OutputTail()}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // already gone, or refused to die within the limit: nothing more we can do here
        }

        try
        {
            await File.WriteAllTextAsync(Path.Combine(RepoPaths.ArtifactsDir, "server.log"), Output);
        }
        catch (IOException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
