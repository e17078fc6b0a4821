namespace Selah.Tests.Testing;

/// <summary>A <see cref="SelahFactory"/> with extra configuration keys (e.g. <c>Selah:Storage:Provider</c>) for one test.</summary>
public sealed class SettingsFactory(IDictionary<string, string?> extra) : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
    }
}
