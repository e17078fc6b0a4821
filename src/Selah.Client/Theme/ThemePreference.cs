using Microsoft.JSInterop;

namespace Selah.Client.Theme;

/// <summary>The light/dark choice, kept in localStorage; without a saved choice the system setting decides.</summary>
public sealed class ThemePreference(IJSRuntime js)
{
    public async Task<bool> LoadIsDarkAsync()
    {
        var saved = await js.InvokeAsync<string?>("selah.theme.load");
        var isDark = saved switch
        {
            "dark" => true,
            "light" => false,
            _ => await js.InvokeAsync<bool>("selah.theme.prefersDark"),
        };
        await js.InvokeVoidAsync("selah.theme.apply", isDark);
        return isDark;
    }

    public async Task SaveAsync(bool isDark)
    {
        await js.InvokeVoidAsync("selah.theme.save", isDark ? "dark" : "light");
        await js.InvokeVoidAsync("selah.theme.apply", isDark);
    }
}
