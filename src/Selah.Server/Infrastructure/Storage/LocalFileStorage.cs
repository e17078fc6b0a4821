using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Infrastructure.Storage;

/// <summary>
/// Objects as files under <c>&lt;DataDirectory&gt;/media</c>; keys map to relative paths. Download URLs are nginx
/// <c>secure_link</c> URLs when <see cref="LocalStorageOptions.SignedUrlBase"/> is set, otherwise none (Kestrel sends the file).
/// </summary>
internal sealed class LocalFileStorage(IOptions<SelahOptions> options, IOptions<StorageOptions> storage, TimeProvider clock) : IFileStorage
{
    private const int BufferSize = 81920;
    private readonly string _root = Path.Combine(options.Value.FullDataDirectory, "media");
    private readonly LocalStorageOptions _local = storage.Value.Local;

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
        return Task.FromResult(_local.SignsUrls ? SignedUrl(key, lifetime) : null);
    }

    /// <summary>
    /// nginx's secure_link format: <c>?md5=</c> base64url(MD5("{expires}{uri} {secret}")) <c>&amp;expires=</c> unix seconds,
    /// checked by <c>secure_link_md5 "$secure_link_expires$uri &lt;secret&gt;"</c>. Keys are <c>[a-z0-9/._-]</c>, so the
    /// signed path is the path nginx sees.
    /// </summary>
    internal Uri SignedUrl(string key, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var baseUrl = _local.SignedUrlBase!;
        var basePath = baseUrl.StartsWith('/') ? baseUrl : new Uri(baseUrl).AbsolutePath;
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"{expires}{basePath}{key} {_local.SignedUrlSecret}"));
        var query = $"?md5={Base64Url.EncodeToString(hash)}&expires={expires}";
        return new Uri(baseUrl + key + query, baseUrl.StartsWith('/') ? UriKind.Relative : UriKind.Absolute);
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
