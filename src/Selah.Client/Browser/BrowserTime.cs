using Microsoft.JSInterop;

namespace Selah.Client.Browser;

/// <summary>The browser's IANA time zones (Intl), for the profile's time zone picker.</summary>
public sealed class BrowserTime(IJSRuntime js)
{
    private string[]? _zones;

    public ValueTask<string> GetTimeZoneAsync() => js.InvokeAsync<string>("selah.time.zone");

    public async ValueTask<IReadOnlyList<string>> GetTimeZonesAsync() => _zones ??= await js.InvokeAsync<string[]>("selah.time.zones");
}
