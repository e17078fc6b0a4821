// Worship follow: one leader and N screens (SignalR over WebSockets, one account: the set list's owner) join a set list's
// live session; the leader moves the slide M times (GoTo, 250 ms apart) and for each move we measure the time from just
// before the leader's call until EVERY screen has received that slide (the target: ≤ 250 ms), and each single
// delivery. Same process, Stopwatch clock.
//   dotnet run -c Release -- <baseUrl> <email> <password> [N=50] [moves=40]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

var baseUrl = new Uri(args[0]);
var (email, password) = (args[1], args[2]);
var n = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
var moves = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 40;

using var http = new HttpClient { BaseAddress = baseUrl };
var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password })).EnsureSuccessStatusCode()
    .Content.ReadFromJsonAsync<JsonElement>();
var token = login.GetProperty("accessToken").GetString()!;
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
const int Items = 20;
var set = await (await http.PostAsJsonAsync("/api/v1/setlists", new
{
    title = $"Bench {DateTime.UtcNow:HHmmss}",
    startsAt = DateTimeOffset.UtcNow.AddDays(1),
    items = Enumerable.Range(1, Items).Select(i => new { title = $"Slide {i}" }).ToArray(),
})).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
var setListId = set.GetProperty("id").GetGuid();

// version → (start timestamp, screens that have it)
var pending = new ConcurrentDictionary<long, (long Start, int[] Seen)>();
var deliveries = new ConcurrentBag<double>();
var allScreens = new ConcurrentBag<double>();

HubConnection Connect() => new HubConnectionBuilder().WithUrl(new Uri(baseUrl, "/hubs/worship"), o =>
{
    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
    o.Transports = HttpTransportType.WebSockets;
    o.SkipNegotiation = true;
}).Build();

var screens = new List<HubConnection>(n);
var connect = Stopwatch.StartNew();
for (var batch = 0; batch < n; batch += 25)
{
    screens.AddRange(await Task.WhenAll(Enumerable.Range(batch, Math.Min(25, n - batch)).Select(async _ =>
    {
        var c = Connect();
        c.On<JsonElement>("slide", m =>
        {
            var now = Stopwatch.GetTimestamp();
            if (pending.TryGetValue(m.GetProperty("version").GetInt64(), out var move))
            {
                deliveries.Add(Stopwatch.GetElapsedTime(move.Start, now).TotalMilliseconds);
                if (Interlocked.Increment(ref move.Seen[0]) == n)
                {
                    allScreens.Add(Stopwatch.GetElapsedTime(move.Start, now).TotalMilliseconds);
                }
            }
        });
        await c.StartAsync();
        await c.InvokeAsync<JsonElement>("Join", setListId);
        return c;
    })));
}

connect.Stop();
await using var leader = Connect();
await leader.StartAsync();
var state = await leader.InvokeAsync<JsonElement>("Join", setListId);
var version = state.GetProperty("slide").GetProperty("version").GetInt64();

for (var i = 0; i < moves; i++)
{
    // The next version is known before the call (one leader, serialised moves), so a screen can match it on arrival.
    pending[version + 1] = (Stopwatch.GetTimestamp(), new int[1]);
    var moved = await leader.InvokeAsync<JsonElement>("GoTo", setListId, (i + 1) % Items, 0);
    version = moved.GetProperty("version").GetInt64();
    await Task.Delay(250);
}

var deadline = DateTime.UtcNow.AddSeconds(10);
while (allScreens.Count < moves && DateTime.UtcNow < deadline)
{
    await Task.Delay(50);
}

static string Stats(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"n={sorted.Length} p50={P(0.50):F1} p90={P(0.90):F1} p99={P(0.99):F1} max={sorted.LastOrDefault():F1}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"screens={n} moves={moves} connect+join={connect.Elapsed.TotalSeconds:F1}s"));
Console.WriteLine($"every screen has the slide, ms: {Stats(allScreens)} (target ≤ 250)");
Console.WriteLine($"single delivery, ms:            {Stats(deliveries)}");
await Task.WhenAll(screens.Select(c => c.DisposeAsync().AsTask()));
