using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Storage;

namespace Selah.Tests.Infrastructure.Storage;

public sealed class LocalFileStorageTests : FileStorageContractTests, IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("selah-local-storage-").FullName;
    private readonly LocalFileStorage _storage;

    public LocalFileStorageTests() => _storage = new LocalFileStorage(
        Options.Create(new SelahOptions { DataDirectory = _dataDirectory }), Options.Create(new StorageOptions()), TimeProvider.System);

    private protected override IFileStorage Storage => _storage;

    [Fact]
    public async Task Objects_live_under_the_media_folder_and_have_no_download_url()
    {
        var key = $"{Prefix}/avatar.png";
        await Storage.SaveAsync(key, new MemoryStream([9, 8, 7]), default);

        Assert.Equal([9, 8, 7], await File.ReadAllBytesAsync(Path.Combine(_dataDirectory, "media", Prefix, "avatar.png")));
        Assert.Null(await Storage.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(5), "image/png", default)); // the server streams local files
    }

    [Fact]
    public async Task Delete_prefix_removes_emptied_folders()
    {
        await Storage.SaveAsync($"{Prefix}/t2/hls/a/seg0.m4s", new MemoryStream([1]), default);

        await Storage.DeletePrefixAsync($"{Prefix}/t2/", default);

        Assert.False(Directory.Exists(Path.Combine(_dataDirectory, "media", Prefix, "t2")));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
