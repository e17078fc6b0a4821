using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Infrastructure.Storage;

/// <summary>Objects as files under <c>&lt;DataDirectory&gt;/media</c>; keys map to relative paths.</summary>
internal sealed class LocalFileStorage(IOptions<SelahOptions> options) : IFileStorage
{
    private const int BufferSize = 81920;
    private readonly string _root = Path.Combine(options.Value.FullDataDirectory, "media");

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(temp, path, overwrite: true); // atomic replace: readers see the old or the new object, never half of one
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true) : null;
        return Task.FromResult(stream);
    }

    public Task<Stream?> OpenReadRangeAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requested, nameof(length));
        }

        var path = PathFor(key);
        if (!File.Exists(path))
        {
            return Task.FromResult<Stream?>(null);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
        if (offset >= file.Length)
        {
            var size = file.Length;
            file.Dispose();
            throw new ArgumentOutOfRangeException(nameof(offset), $"Offset {offset} is beyond the end of '{key}' ({size} bytes).");
        }

        file.Position = offset;
        var count = Math.Min(length ?? long.MaxValue, file.Length - offset);
        return Task.FromResult<Stream?>(new BoundedReadStream(file, count));
    }

    public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathFor(key));
        return Task.FromResult(info.Exists ? new StoredObject(key, info.Length, info.LastWriteTimeUtc) : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathFor(key));
        return Task.CompletedTask;
    }

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        StorageKeys.ValidatePrefix(prefix);
        // The deepest folder that can hold matching keys: "a/b/" → a/b, "a/b/c" → a/b (files a/b/c*, folders a/b/c*/…).
        var folder = prefix.EndsWith('/') ? prefix.TrimEnd('/') : (prefix.Contains('/') ? prefix[..prefix.LastIndexOf('/')] : "");
        var directory = folder.Length == 0 ? _root : Path.Combine(_root, folder.Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(directory))
        {
            return Task.FromResult(0);
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.EndsWith(".part", StringComparison.Ordinal))
            {
                File.Delete(file);
                deleted++;
            }
        }

        RemoveEmptyDirectories(directory);
        return Task.FromResult(deleted);
    }

    public Task<Uri?> GetDownloadUrlAsync(string key, TimeSpan lifetime, string? contentType, CancellationToken cancellationToken)
    {
        StorageKeys.Validate(key);
        return Task.FromResult<Uri?>(null); // local files are streamed by the server itself
    }

    private void RemoveEmptyDirectories(string directory)
    {
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            RemoveEmptyDirectories(child);
        }

        if (directory != _root && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    private string PathFor(string key) => Path.Combine(_root, StorageKeys.Validate(key).Replace('/', Path.DirectorySeparatorChar));
}
