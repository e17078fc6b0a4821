// Connects N SignalR clients (WebSockets) to /hubs/groups as one account, joins them all to one group chat, then posts
// M messages through POST /api/v1/groups/{id}/messages and measures, for every delivery to every client, the time from
// just before the POST to the arrival of the `message` event (same process, Stopwatch clock). Server memory per
// connection = growth of the server's RSS (from /proc/<pid>/status) while the N clients connect and join, divided by N.
// With several nodes (comma-separated base URLs and pids, sharing PostgreSQL and Redis) the clients are spread over the
// nodes round-robin, messages are posted to the first node, and RSS is summed over the nodes.
//   dotnet run -c Release -- <baseUrl[,baseUrl2…]> <email> <password> <serverPid[,pid2…]> [N=1000] [messages=30]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

var nodes = args[0].Split(',').Select(u => new Uri(u)).ToArray();
var baseUrl = nodes[0];
var (email, password) = (args[1], args[2]);
var serverPids = args[3].Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
var n = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1000;
var messages = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 30;

using var http = new HttpClient { BaseAddress = baseUrl };
var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password })).EnsureSuccessStatusCode()
    .Content.ReadFromJsonAsync<JsonElement>();
var token = login.GetProperty("accessToken").GetString()!;
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
var group = await (await http.PostAsJsonAsync("/api/v1/groups", new { name = $"Bench {DateTime.UtcNow:HHmmss}", description = "bench", isPrivate = true }))
    .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
var groupId = group.GetProperty("id").GetGuid();

var pendingByText = new ConcurrentDictionary<string, long>();
var latencies = new ConcurrentBag<double>();
var received = 0;

long Rss() => serverPids.Sum(pid => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);

var rssBefore = Rss();
var connections = new List<HubConnection>(n);
var connect = Stopwatch.StartNew();
for (var batch = 0; batch < n; batch += 50)
{
    var tasks = Enumerable.Range(batch, Math.Min(50, n - batch)).Select(async i =>
    {
        var c = new HubConnectionBuilder().WithUrl(new Uri(nodes[i % nodes.Length], "/hubs/groups"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        }).Build();
        c.On<JsonElement>("message", m =>
        {
            var now = Stopwatch.GetTimestamp();
            if (pendingByText.TryGetValue(m.GetProperty("text").GetString()!, out var start))
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
                Interlocked.Increment(ref received);
            }
        });
        await c.StartAsync();
        await c.InvokeAsync<JsonElement>("JoinGroup", groupId);
        return c;
    });
    connections.AddRange(await Task.WhenAll(tasks));
}

connect.Stop();
await Task.Delay(2000);
var rssAfter = Rss();

for (var i = 0; i < messages; i++)
{
    var text = $"bench {i} {Guid.NewGuid():N}";
    pendingByText[text] = Stopwatch.GetTimestamp();
    (await http.PostAsJsonAsync($"/api/v1/groups/{groupId}/messages", new { text })).EnsureSuccessStatusCode();
    await Task.Delay(300);
}

var deadline = DateTime.UtcNow.AddSeconds(30);
while (Volatile.Read(ref received) < n * messages && DateTime.UtcNow < deadline)
{
    await Task.Delay(100);
}

var sorted = latencies.OrderBy(x => x).ToArray();
double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nodes={nodes.Length} clients={n} messages={messages} deliveries={sorted.Length}/{n * messages} connect+join={connect.Elapsed.TotalSeconds:F1}s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivery latency ms: p50={P(0.50):F1} p90={P(0.90):F1} p99={P(0.99):F1} max={sorted.LastOrDefault():F1}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server RSS: before={rssBefore / 1048576.0:F1} MiB after={rssAfter / 1048576.0:F1} MiB => {(rssAfter - rssBefore) / (double)n / 1024:F1} KiB per connection"));
await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
