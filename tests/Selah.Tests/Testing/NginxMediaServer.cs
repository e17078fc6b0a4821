using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Selah.Tests.Testing;

/// <summary>
/// Debian's nginx on 127.0.0.1 (a free port), serving a media folder under <c>/media/</c> behind <c>secure_link</c>
/// exactly as docs/OPERATIONS.md tells operators to, so signed local URLs are checked by the real verifier.
/// </summary>
public sealed class NginxMediaServer : IAsyncDisposable
{
    public const string Secret = "nginx-test-secret-0123456789abcdefghij";

    private readonly string _directory = Directory.CreateTempSubdirectory("selah-nginx-").FullName;
    private Process? _process;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<NginxMediaServer> StartAsync(string mediaRoot)
    {
        var server = new NginxMediaServer();
        await server.StartCoreAsync(mediaRoot);
        return server;
    }

    private async Task StartCoreAsync(string mediaRoot)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: apt-get install nginx-light (scripts/test.sh does).");
        Directory.CreateDirectory(mediaRoot);
        // nginx workers run as an unprivileged user; temp folders are private by default.
        for (var dir = new DirectoryInfo(mediaRoot); !OperatingSystem.IsWindows() && dir is not null && dir.FullName != Path.GetTempPath().TrimEnd('/'); dir = dir.Parent)
        {
            dir.UnixFileMode |= UnixFileMode.OtherRead | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        }

        var port = FreePort();
        var config = Path.Combine(_directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{_directory}}; proxy_temp_path {{_directory}}; fastcgi_temp_path {{_directory}};
              uwsgi_temp_path {{_directory}}; scgi_temp_path {{_directory}};
              types { audio/mp4 m4a; audio/ogg ogg opus; video/mp4 m4s mp4; audio/mpeg mp3; audio/flac flac; audio/wav wav; }
              server {
                listen 127.0.0.1:{{port}};
                location /media/ {
                  secure_link $arg_md5,$arg_expires;
                  secure_link_md5 "$secure_link_expires$uri {{Secret}}";
                  if ($secure_link = "") { return 403; }
                  if ($secure_link = "0") { return 410; }
                  alias {{mediaRoot.TrimEnd('/')}}/;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(nginx) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", config, "-e", Path.Combine(_directory, "error.log"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await _process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                await probe.GetAsync(BaseUrl);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("nginx did not answer within 5 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
