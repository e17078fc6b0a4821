using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Selah.Server.Infrastructure.Storage;

/// <summary>
/// Objects in an S3-compatible bucket (AWS, MinIO, Garage, R2, s3rver). Uploads stream through one part-sized buffer:
/// an object that fits in one part goes up with a single PUT, a larger one as a multipart upload (aborted on failure),
/// so memory stays at one part whatever the object's size and the source stream need not be seekable.
/// </summary>
internal sealed class S3FileStorage : IFileStorage, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly S3StorageOptions _options;
    private readonly string _bucket;
    private readonly int _partSize;
    private readonly Protocol _protocol;

    public S3FileStorage(IOptions<StorageOptions> options)
    {
        _options = options.Value.S3;
        _bucket = _options.Bucket ?? throw new InvalidOperationException("Selah:Storage:S3:Bucket is required.");
        _partSize = _options.PartSizeMegabytes * 1024 * 1024;
        var config = new AmazonS3Config
        {
            ForcePathStyle = _options.ForcePathStyle,
            // Only send checksums the API demands: S3-compatible stores often reject the aws-chunked trailer encoding.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (!string.IsNullOrWhiteSpace(_options.ServiceUrl))
        {
            config.ServiceURL = _options.ServiceUrl;
            config.AuthenticationRegion = _options.Region ?? "us-east-1";
            _protocol = _options.ServiceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(_options.Region);
            _protocol = Protocol.HTTPS;
        }

        _client = string.IsNullOrWhiteSpace(_options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(_options.AccessKey, _options.SecretKey), config);
    }

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        StorageKeys.Validate(key);
        var buffer = ArrayPool<byte>.Shared.Rent(_partSize);
        try
        {
            var filled = await FillAsync(content, buffer, cancellationToken);
            if (filled < _partSize)
            {
                await PutAsync(key, buffer, filled, cancellationToken);
                return;
            }

            await MultipartAsync(key, content, buffer, filled, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        GetAsync(new GetObjectRequest { BucketName = _bucket, Key = StorageKeys.Validate(key) }, cancellationToken);

    public async Task<Stream?> OpenReadRangeAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requested, nameof(length));
        }

        var request = new GetObjectRequest
        {
            BucketName = _bucket,
            Key = StorageKeys.Validate(key),
            ByteRange = length is { } count ? new ByteRange(offset, offset + count - 1) : new ByteRange($"bytes={offset}-"),
        };
        try
        {
            // Bounded to the requested length as well: some S3-compatible stores answer "bytes=0-0" with the whole object.
            return await GetAsync(request, cancellationToken, length);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Offset {offset} is beyond the end of '{key}'.");
        }
    }

    public async Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectMetadataAsync(_bucket, StorageKeys.Validate(key), cancellationToken);
            var modified = response.LastModified is { } at ? new DateTimeOffset(at.ToUniversalTime()) : DateTimeOffset.UnixEpoch;
            return new StoredObject(key, response.ContentLength, modified);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await _client.DeleteObjectAsync(_bucket, StorageKeys.Validate(key), cancellationToken);
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        StorageKeys.ValidatePrefix(prefix);
        var deleted = 0;
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, MaxKeys = 1000 };
        ListObjectsV2Response page;
        do
        {
            page = await _client.ListObjectsV2Async(request, cancellationToken);
            // One DELETE per key rather than DeleteObjects: the batch call needs Content-MD5 handling that not every
            // S3-compatible store implements; deletes of a track's tree are rare and small.
            foreach (var item in page.S3Objects ?? [])
            {
                await _client.DeleteObjectAsync(_bucket, item.Key, cancellationToken);
                deleted++;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return deleted;
    }

    public async Task<Uri?> GetDownloadUrlAsync(string key, TimeSpan lifetime, string? contentType, CancellationToken cancellationToken)
    {
        StorageKeys.Validate(key);
        if (!string.IsNullOrWhiteSpace(_options.PublicBaseUrl))
        {
            return new Uri(_options.PublicBaseUrl.TrimEnd('/') + "/" + key);
        }

        var seconds = Math.Clamp(lifetime.TotalSeconds, 1, TimeSpan.FromDays(7).TotalSeconds);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = _protocol,
            Expires = DateTime.UtcNow.AddSeconds(Math.Ceiling(seconds)),
        };
        if (contentType is not null)
        {
            request.ResponseHeaderOverrides.ContentType = contentType;
        }

        return new Uri(await _client.GetPreSignedURLAsync(request));
    }

    public void Dispose() => _client.Dispose();

    private async Task<Stream?> GetAsync(GetObjectRequest request, CancellationToken cancellationToken, long? maxLength = null)
    {
        try
        {
            var response = await _client.GetObjectAsync(request, cancellationToken);
            return new BoundedReadStream(new ResponseStream(response), Math.Min(response.ContentLength, maxLength ?? long.MaxValue));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task PutAsync(string key, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = StorageKeys.ContentTypeFor(key),
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    private async Task MultipartAsync(string key, Stream content, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        var upload = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = _bucket,
            Key = key,
            ContentType = StorageKeys.ContentTypeFor(key),
        }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var number = 1; filled > 0; number++)
            {
                using (var body = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    var part = await _client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = _bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = number,
                        InputStream = body,
                        PartSize = filled,
                        UseChunkEncoding = false,
                    }, cancellationToken);
                    parts.Add(new PartETag(number, part.ETag));
                }

                filled = await FillAsync(content, buffer, cancellationToken);
            }

            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken);
        }
        catch
        {
            await _client.AbortMultipartUploadAsync(_bucket, key, upload.UploadId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Reads until the buffer (one part) is full or the stream ends.</summary>
    private async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < _partSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, _partSize - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>The body of a GetObject response; disposing it releases the HTTP response.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _body = response.ResponseStream;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.ContentLength;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _body.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _body.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _body.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
