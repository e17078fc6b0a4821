using Microsoft.Extensions.DependencyInjection;
using Selah.Server.Infrastructure.Storage;
using Selah.Tests.Testing;

namespace Selah.Tests.Infrastructure.Storage;

/// <summary><c>Selah:Storage:*</c> chooses the store at start-up and stops the server with a keyed message when wrong.</summary>
public sealed class StorageConfigurationTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Theory]
    [InlineData("Provider", "Azure", "Selah:Storage:Provider")]
    [InlineData("S3:Bucket", "", "Selah:Storage:S3:Bucket")]
    [InlineData("S3:ServiceUrl", "not a url", "Selah:Storage:S3:ServiceUrl")]
    [InlineData("S3:UrlLifetimeMinutes", "0", "Selah:Storage:S3:UrlLifetimeMinutes")]
    public async Task Wrong_settings_stop_start_up_naming_the_key(string key, string value, string named)
    {
        var settings = s3.Settings();
        settings[$"Selah:Storage:{key}"] = value;
        await using var factory = new SettingsFactory(settings);

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_provider_stores_objects_in_the_bucket()
    {
        await using var factory = new SettingsFactory(s3.Settings());
        factory.CreateClient().Dispose();
        var storage = factory.Services.GetRequiredService<IFileStorage>();
        var key = $"config-{Guid.NewGuid():N}/probe.txt";

        await storage.SaveAsync(key, new MemoryStream("in the bucket"u8.ToArray()), default);

        Assert.IsType<S3FileStorage>(storage);
        using var direct = s3.CreateStorage();
        Assert.Equal(13, (await direct.GetInfoAsync(key, default))!.Length);
        Assert.NotNull(await storage.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(1), null, default));
    }

    [Fact]
    public async Task Local_disk_is_the_default()
    {
        await using var factory = new SettingsFactory(new Dictionary<string, string?>());
        factory.CreateClient().Dispose();

        Assert.IsType<LocalFileStorage>(factory.Services.GetRequiredService<IFileStorage>());
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
            : error.Message + "\n" + (error.InnerException is { } inner ? Flatten(inner) : "");
}
