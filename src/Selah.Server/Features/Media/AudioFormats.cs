using Selah.Server.Infrastructure.Media;

namespace Selah.Server.Features.Media;

/// <summary>An accepted audio format: the name stored on the track, the original's file extension and its MIME type.</summary>
public sealed record AudioFormat(string Name, string Extension, string ContentType);

/// <summary>
/// Recognises uploads by content: the container's magic bytes first (cheap, rejects most junk before ffprobe runs),
/// then ffprobe's codec must agree. Names and client MIME types are never trusted.
/// </summary>
public static class AudioFormats
{
    public static readonly AudioFormat Mp3 = new("mp3", "mp3", "audio/mpeg");
    public static readonly AudioFormat Flac = new("flac", "flac", "audio/flac");
    public static readonly AudioFormat Wav = new("wav", "wav", "audio/wav");
    public static readonly AudioFormat Aac = new("aac", "aac", "audio/aac");
    public static readonly AudioFormat M4a = new("m4a", "m4a", "audio/mp4");
    public static readonly AudioFormat Vorbis = new("ogg", "ogg", "audio/ogg");
    public static readonly AudioFormat Opus = new("opus", "opus", "audio/ogg");

    private enum Container { Unknown, Id3OrMpeg, Adts, Flac, Riff, Ogg, Mp4 }

    /// <summary>The format, or null when the bytes or the codec are not one of MP3, FLAC, WAV, AAC/M4A, Ogg Vorbis, Opus.</summary>
    public static AudioFormat? Identify(ReadOnlySpan<byte> head, ProbeResult? probe)
    {
        if (probe is not { AudioCodec: { } codec } || probe.DurationSeconds is not > 0)
        {
            return null;
        }

        return Sniff(head) switch
        {
            Container.Id3OrMpeg when codec == "mp3" => Mp3,
            Container.Id3OrMpeg when codec == "aac" => Aac, // ADTS behind an ID3 header
            Container.Adts when codec == "aac" => Aac,
            Container.Adts when codec == "mp3" => Mp3,
            Container.Flac when codec == "flac" => Flac,
            Container.Id3OrMpeg when codec == "flac" => Flac,
            Container.Riff when codec.StartsWith("pcm_", StringComparison.Ordinal) => Wav,
            Container.Ogg when codec == "vorbis" => Vorbis,
            Container.Ogg when codec == "opus" => Opus,
            Container.Mp4 when codec is "aac" or "alac" => M4a,
            _ => null,
        };
    }

    private static Container Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length < 12)
        {
            return Container.Unknown;
        }

        if (b.StartsWith("ID3"u8))
        {
            return Container.Id3OrMpeg;
        }

        if (b.StartsWith("fLaC"u8))
        {
            return Container.Flac;
        }

        if (b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WAVE"u8))
        {
            return Container.Riff;
        }

        if (b.StartsWith("OggS"u8))
        {
            return Container.Ogg;
        }

        if (b[4..8].SequenceEqual("ftyp"u8))
        {
            return Container.Mp4;
        }

        if (b[0] == 0xFF && (b[1] & 0xF6) == 0xF0)
        {
            return Container.Adts; // sync word + layer 00: ADTS AAC
        }

        return b[0] == 0xFF && (b[1] & 0xE0) == 0xE0 ? Container.Id3OrMpeg : Container.Unknown; // MPEG audio frame sync
    }
}
