using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Selah.Server.Features.Community.Notifications.WebPush;

/// <summary>
/// RFC 8291 message encryption for Web Push: an ephemeral P-256 key agreement with the subscriber's key, HKDF with the
/// subscription's auth secret, and one RFC 8188 <c>aes128gcm</c> record (header: salt ‖ rs ‖ idlen ‖ keyid = our
/// ephemeral public key).
/// </summary>
public static class WebPushEncryption
{
    private const int RecordSize = 4096;
    private const int TagSize = 16;

    /// <summary>Largest plaintext that fits one record (RFC 8291 §4 asks push services to accept 4096-byte bodies).</summary>
    public const int MaxPlaintext = RecordSize - TagSize - 1 - 86;

    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, byte[] userAgentPublicKey, byte[] authSecret)
    {
        if (plaintext.Length > MaxPlaintext)
        {
            throw new ArgumentException($"A push message holds at most {MaxPlaintext} bytes.", nameof(plaintext));
        }

        using var server = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = server.ExportParameters(false).Q;
        byte[] serverPublic = [0x04, .. q.X!, .. q.Y!];
        using var userAgent = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = userAgentPublicKey[1..33], Y = userAgentPublicKey[33..65] },
        });
        var ecdhSecret = server.DeriveRawSecretAgreement(userAgent.PublicKey);

        // RFC 8291 §3.4: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" ‖ 0x00 ‖ ua_public ‖ as_public, 32)
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. userAgentPublicKey, .. serverPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, 32, authSecret, keyInfo);

        // RFC 8188 §2.2 / §2.3: CEK and nonce from the record salt.
        var salt = RandomNumberGenerator.GetBytes(16);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

        var padded = new byte[plaintext.Length + 1];
        plaintext.CopyTo(padded);
        padded[^1] = 0x02; // delimiter of the last (only) record, no padding

        var header = new byte[16 + 4 + 1 + serverPublic.Length];
        salt.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(16), RecordSize);
        header[20] = (byte)serverPublic.Length;
        serverPublic.CopyTo(header, 21);

        var body = new byte[header.Length + padded.Length + TagSize];
        header.CopyTo(body, 0);
        using var aes = new AesGcm(cek, TagSize);
        aes.Encrypt(nonce, padded, body.AsSpan(header.Length, padded.Length), body.AsSpan(header.Length + padded.Length, TagSize));
        return body;
    }

    public static byte[] Encrypt(string json, byte[] userAgentPublicKey, byte[] authSecret) =>
        Encrypt(Encoding.UTF8.GetBytes(json), userAgentPublicKey, authSecret);

    /// <summary>True when <paramref name="key"/> is an uncompressed point on P-256.</summary>
    public static bool IsValidPublicKey(byte[] key)
    {
        if (key.Length != 65 || key[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var ecdh = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[1..33], Y = key[33..65] },
            });
            ecdh.ExportParameters(false);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
