using System.ComponentModel.DataAnnotations;

namespace Selah.Server.Infrastructure.Storage;

public enum StorageProvider
{
    Local,
    S3,
}

/// <summary><c>Selah:Storage:*</c>: where media, artwork and avatars are kept.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Selah:Storage";

    /// <summary><c>Local</c> (files under <c>&lt;DataDirectory&gt;/media</c>, the default) or <c>S3</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    public S3StorageOptions S3 { get; set; } = new();

    public LocalStorageOptions Local { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Local)
        {
            foreach (var result in Local.Validate())
            {
                yield return result;
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(S3.Bucket))
        {
            yield return new ValidationResult("A bucket is required when the storage provider is S3.", ["S3:Bucket"]);
        }

        if (!string.IsNullOrWhiteSpace(S3.ServiceUrl) && !IsHttpUrl(S3.ServiceUrl))
        {
            yield return new ValidationResult("The S3 service URL must be an absolute http(s) URL.", ["S3:ServiceUrl"]);
        }

        if (!string.IsNullOrWhiteSpace(S3.PublicBaseUrl) && !IsHttpUrl(S3.PublicBaseUrl))
        {
            yield return new ValidationResult("The public base URL must be an absolute http(s) URL.", ["S3:PublicBaseUrl"]);
        }

        if (string.IsNullOrWhiteSpace(S3.AccessKey) != string.IsNullOrWhiteSpace(S3.SecretKey))
        {
            yield return new ValidationResult("Set both the access key and the secret key, or neither (then the AWS default credential chain is used).", ["S3:AccessKey", "S3:SecretKey"]);
        }

        if (S3.UrlLifetimeMinutes is < 1 or > 10080)
        {
            yield return new ValidationResult("The URL lifetime must be between 1 and 10080 minutes (7 days).", ["S3:UrlLifetimeMinutes"]);
        }

        if (S3.PartSizeMegabytes is < 5 or > 512)
        {
            yield return new ValidationResult("The part size must be between 5 and 512 MiB.", ["S3:PartSizeMegabytes"]);
        }

        if (string.IsNullOrWhiteSpace(S3.ServiceUrl) && string.IsNullOrWhiteSpace(S3.Region))
        {
            yield return new ValidationResult("Set a region (AWS) or a service URL (other S3-compatible stores).", ["S3:Region"]);
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>
/// <c>Selah:Storage:Local:*</c>. With <see cref="SignedUrlBase"/> and <see cref="SignedUrlSecret"/> set, audio is not sent by
/// Kestrel: the stream endpoint checks access and redirects to a signed, expiring URL that nginx verifies
/// (<c>secure_link</c>) and serves with sendfile — the same flow as presigned S3 URLs. See docs/OPERATIONS.md.
/// </summary>
public sealed class LocalStorageOptions
{
    /// <summary>Where nginx serves the media folder, e.g. <c>/media/</c> (same host) or <c>https://media.example.org/</c>.</summary>
    public string? SignedUrlBase { get; set; }

    /// <summary>The secret in nginx's <c>secure_link_md5 "$secure_link_expires$uri &lt;secret&gt;"</c>; at least 32 characters.</summary>
    public string? SignedUrlSecret { get; set; }

    public bool SignsUrls => !string.IsNullOrWhiteSpace(SignedUrlBase);

    internal IEnumerable<ValidationResult> Validate()
    {
        if (!SignsUrls)
        {
            yield break;
        }

        if (!SignedUrlBase!.EndsWith('/') || !(SignedUrlBase.StartsWith('/') || Uri.TryCreate(SignedUrlBase, UriKind.Absolute, out _)))
        {
            yield return new ValidationResult("The signed URL base must be a path or absolute URL ending with '/', e.g. /media/.", ["Local:SignedUrlBase"]);
        }

        if (SignedUrlSecret is not { Length: >= 32 } || SignedUrlSecret.Any(char.IsWhiteSpace) || SignedUrlSecret.Contains('"'))
        {
            yield return new ValidationResult("The signed URL secret must be at least 32 characters without spaces or quotes.", ["Local:SignedUrlSecret"]);
        }
    }
}

/// <summary><c>Selah:Storage:S3:*</c>.</summary>
public sealed class S3StorageOptions
{
    /// <summary>Endpoint of an S3-compatible store (MinIO, Garage, R2, s3rver…); empty for AWS.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    /// <summary>Signing region; <c>us-east-1</c> suits most S3-compatible stores.</summary>
    public string? Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    /// <summary>Path-style URLs (<c>host/bucket/key</c>) rather than virtual-host style; what most self-hosted stores expect.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>A public or CDN base URL serving the bucket (e.g. <c>https://cdn.example.org/media/</c>); download URLs then point there unsigned.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Lifetime of presigned download URLs handed to clients.</summary>
    public int UrlLifetimeMinutes { get; set; } = 60;

    /// <summary>Objects larger than this go up in parts of this size (multipart upload); S3 requires at least 5 MiB.</summary>
    public int PartSizeMegabytes { get; set; } = 8;
}
