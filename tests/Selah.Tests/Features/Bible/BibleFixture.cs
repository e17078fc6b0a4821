using Microsoft.Extensions.DependencyInjection;
using Selah.Server.Features.Bible;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Bible;

/// <summary>
/// One server for all Bible test classes, with the three translations imported once (the default test configuration
/// imports none). Needs the Debian SWORD packages (libsword-utils, sword-text-kjv, sword-text-web, sword-text-sparv).
/// </summary>
public sealed class BibleFactory : SelahFactory, IAsyncLifetime
{
    public static readonly string[] Translations = ["kjv", "web", "sparv"];

    public Dictionary<string, BibleImportResult> Imports { get; } = [];

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:Bible:Translations"] = "";
    }

    public async Task InitializeAsync()
    {
        var importer = Services.GetRequiredService<BibleImporter>();
        foreach (var id in Translations)
        {
            Imports[id] = await importer.ImportAsync(id, force: false, CancellationToken.None);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class BibleCollection : ICollectionFixture<BibleFactory>
{
    public const string Name = "Bible";
}
