using System.Security.Cryptography;
using Selah.Server.Infrastructure.Storage;

namespace Selah.Tests.Infrastructure.Storage;

/// <summary>
/// What every <see cref="IFileStorage"/> must do, run against each implementation (local disk and S3 via s3rver).
/// Each test works under its own random prefix, so tests sharing a store do not see each other's objects.
/// </summary>
public abstract class FileStorageContractTests
{
    protected readonly string Prefix = "contract-" + Guid.NewGuid().ToString("N");

    private protected abstract IFileStorage Storage { get; }

    protected static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task Saved_object_reads_back_byte_exact_with_its_length()
    {
        var content = RandomBytes(300_000, seed: 1);
        var key = $"{Prefix}/tracks/a1/original.flac";

        await Storage.SaveAsync(key, new MemoryStream(content), default);

        Assert.Equal(content, await ReadAllAsync((await Storage.OpenReadAsync(key, default))!));
        var info = await Storage.GetInfoAsync(key, default);
        Assert.NotNull(info);
        Assert.Equal(key, info.Key);
        Assert.Equal(content.Length, info.Length);
        Assert.InRange(info.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Large_object_from_a_non_seekable_stream_reads_back_byte_exact()
    {
        var content = RandomBytes(20 * 1024 * 1024 + 12_345, seed: 2); // several parts plus a short last one
        var key = $"{Prefix}/big/original.wav";

        await Storage.SaveAsync(key, new ForwardOnlyStream(content), default);

        var stored = await ReadAllAsync((await Storage.OpenReadAsync(key, default))!);
        Assert.Equal(content.Length, stored.Length);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(stored));
        Assert.Equal(content.Length, (await Storage.GetInfoAsync(key, default))!.Length);
    }

    [Fact]
    public async Task Empty_object_is_stored()
    {
        var key = $"{Prefix}/empty.txt";
        await Storage.SaveAsync(key, new MemoryStream(), default);

        Assert.Equal(0, (await Storage.GetInfoAsync(key, default))!.Length);
        Assert.Empty(await ReadAllAsync((await Storage.OpenReadAsync(key, default))!));
    }

    [Fact]
    public async Task Saving_again_replaces_the_object()
    {
        var key = $"{Prefix}/cover.jpg";
        await Storage.SaveAsync(key, new MemoryStream(RandomBytes(5000, seed: 3)), default);
        var replacement = RandomBytes(1200, seed: 4);

        await Storage.SaveAsync(key, new MemoryStream(replacement), default);

        Assert.Equal(replacement, await ReadAllAsync((await Storage.OpenReadAsync(key, default))!));
        Assert.Equal(replacement.Length, (await Storage.GetInfoAsync(key, default))!.Length);
    }

    [Fact]
    public async Task Deleted_object_is_gone_and_deleting_a_missing_one_is_not_an_error()
    {
        var key = $"{Prefix}/gone.mp3";
        await Storage.SaveAsync(key, new MemoryStream(RandomBytes(100, seed: 5)), default);

        await Storage.DeleteAsync(key, default);
        await Storage.DeleteAsync(key, default);

        Assert.Null(await Storage.GetInfoAsync(key, default));
        Assert.Null(await Storage.OpenReadAsync(key, default));
    }

    [Fact]
    public async Task Delete_prefix_removes_exactly_the_objects_under_it()
    {
        var doomed = Enumerable.Range(0, 7).Select(i => $"{Prefix}/t1/hls/seg{i}.m4s").Append($"{Prefix}/t1/hls/a/master.m3u8").ToList();
        var kept = new[] { $"{Prefix}/t1/original.mp3", $"{Prefix}/t10/hls/seg0.m4s", $"{Prefix}/t1/hlsx.txt" };
        foreach (var key in doomed.Concat(kept))
        {
            await Storage.SaveAsync(key, new MemoryStream([1, 2, 3]), default);
        }

        var deleted = await Storage.DeletePrefixAsync($"{Prefix}/t1/hls/", default);

        Assert.Equal(doomed.Count, deleted);
        foreach (var key in doomed)
        {
            Assert.Null(await Storage.GetInfoAsync(key, default));
        }

        foreach (var key in kept)
        {
            Assert.NotNull(await Storage.GetInfoAsync(key, default));
        }

        Assert.Equal(0, await Storage.DeletePrefixAsync($"{Prefix}/nothing-here/", default));
    }

    [Fact]
    public async Task Missing_key_reads_as_null()
    {
        var key = $"{Prefix}/never/saved.flac";

        Assert.Null(await Storage.OpenReadAsync(key, default));
        Assert.Null(await Storage.OpenReadRangeAsync(key, 10, 5, default));
        Assert.Null(await Storage.GetInfoAsync(key, default));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/absolute/path")]
    [InlineData("Upper/Case.mp3")]
    [InlineData("a//b")]
    [InlineData("a/../../b")]
    [InlineData("a/.hidden")]
    [InlineData("a b.mp3")]
    [InlineData("")]
    public async Task Invalid_keys_are_rejected_before_touching_the_store(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.SaveAsync(key, new MemoryStream([1]), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.OpenReadAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetInfoAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.DeleteAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.DeletePrefixAsync(key, default));
    }

    [Fact]
    public async Task Range_reads_return_exactly_the_requested_bytes()
    {
        var content = RandomBytes(100_000, seed: 6);
        var key = $"{Prefix}/range.opus";
        await Storage.SaveAsync(key, new MemoryStream(content), default);

        Assert.Equal(content[1000..1500], await ReadAllAsync((await Storage.OpenReadRangeAsync(key, 1000, 500, default))!));
        Assert.Equal(content[99_000..], await ReadAllAsync((await Storage.OpenReadRangeAsync(key, 99_000, null, default))!));
        Assert.Equal(content[99_990..], await ReadAllAsync((await Storage.OpenReadRangeAsync(key, 99_990, 500, default))!)); // clipped at the end
        Assert.Equal(content[..1], await ReadAllAsync((await Storage.OpenReadRangeAsync(key, 0, 1, default))!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.OpenReadRangeAsync(key, 100_000, 10, default));
    }

    /// <summary>A stream that can only be read forward, like an HTTP request body.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // Hand out odd-sized chunks so the store must assemble parts from many reads.
            var n = Math.Min(Math.Min(count, 65_521), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
