using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Selah.Server.Features.Media.Import;

/// <summary>What the in-process reader learnt about a file: format, duration, tags (ffprobe's names), audio fingerprint, picture.</summary>
public sealed record AudioFileInfo(
    AudioFormat Format,
    double DurationSeconds,
    IReadOnlyDictionary<string, string> Tags,
    string AudioHash,
    byte[]? Picture)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>
/// Reads MP3 (ID3v2.2–2.4, ID3v1, APEv2 skipped, Xing/Info/VBRI or CBR duration), FLAC (STREAMINFO, Vorbis comments,
/// PICTURE), Ogg Vorbis/Opus (header packets, last granule), MP4/M4A (mvhd, ilst, AAC/ALAC sample entry) and WAV
/// (fmt, data, LIST/INFO) in-process — the structures are small and well specified — so a bulk import needs no ffprobe
/// process per file. Formats are recognised by their structure, not by name; anything this reader does not fully
/// understand returns null and the caller falls back to ffprobe. The audio fingerprint is SHA-256 over the audio payload
/// only (every tag block left out), computed while the file is read once: a re-tagged copy hashes the same, and it costs
/// one sequential read instead of a decode (SHA-256 runs at over 1 GB/s with the CPU's SHA extensions).
/// </summary>
public static class AudioFileReader
{
    private const int MaxTagBytes = 32 * 1024 * 1024;
    private const int MaxPictureBytes = 16 * 1024 * 1024;

    /// <summary>True when the first bytes look like one of the accepted containers (worth asking ffprobe when this reader gives up).</summary>
    public static bool MayBeAudio(ReadOnlySpan<byte> b) =>
        b.Length >= 12 && (b.StartsWith("ID3"u8) || b.StartsWith("fLaC"u8) || b.StartsWith("OggS"u8)
            || (b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WAVE"u8)) || b[4..8].SequenceEqual("ftyp"u8)
            || (b[0] == 0xFF && (b[1] & 0xE0) == 0xE0));

    public static AudioFileInfo? Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        Span<byte> head = stackalloc byte[12];
        if (file.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12)
        {
            return null;
        }

        file.Position = 0;
        try
        {
            if (head.StartsWith("fLaC"u8))
            {
                return ReadFlac(file);
            }

            if (head.StartsWith("OggS"u8))
            {
                return ReadOgg(file);
            }

            if (head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
            {
                return ReadWav(file);
            }

            if (head[4..8].SequenceEqual("ftyp"u8))
            {
                return ReadMp4(file);
            }

            if (head.StartsWith("ID3"u8) || (head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
            {
                return ReadMp3(file);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException or InvalidDataException)
        {
            return null; // malformed: let ffprobe have a look
        }

        return null;
    }

    // ---------- MP3 ----------

    private static AudioFileInfo? ReadMp3(FileStream file)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        byte[]? picture = null;
        long start = 0;
        var header = new byte[10];
        while (true)
        {
            file.Position = start;
            if (file.ReadAtLeast(header, 10, throwOnEndOfStream: false) < 10 || !header.AsSpan().StartsWith("ID3"u8))
            {
                break;
            }

            var size = SyncSafe(header.AsSpan(6, 4));
            var footer = header[3] >= 4 && (header[5] & 0x10) != 0 ? 10 : 0;
            if (size > MaxTagBytes)
            {
                return null;
            }

            var body = new byte[size];
            file.ReadExactly(body);
            ParseId3v2(header[3], header[5], body, tags, ref picture);
            start += 10 + size + footer;
        }

        var end = file.Length;
        if (end - start >= 128)
        {
            var v1 = new byte[128];
            file.Position = end - 128;
            file.ReadExactly(v1);
            if (v1.AsSpan().StartsWith("TAG"u8))
            {
                end -= 128;
                ParseId3v1(v1, tags);
            }
        }

        if (end - start >= 32)
        {
            var ape = new byte[32];
            file.Position = end - 32;
            file.ReadExactly(ape);
            if (ape.AsSpan().StartsWith("APETAGEX"u8))
            {
                var apeSize = BinaryPrimitives.ReadInt32LittleEndian(ape.AsSpan(12));
                var hasHeader = (ape[23] & 0x80) != 0;
                end -= apeSize + (hasHeader ? 32 : 0);
            }
        }

        // Find the first frame (encoders may pad after the tag).
        var probe = new byte[Math.Min(8192, Math.Max(0, end - start))];
        file.Position = start;
        var got = file.ReadAtLeast(probe, probe.Length, throwOnEndOfStream: false);
        var offset = -1;
        for (var i = 0; i + 4 <= got; i++)
        {
            if (Mp3Frame.TryParse(probe.AsSpan(i), out _))
            {
                offset = i;
                break;
            }

            if (probe[i] != 0)
            {
                return null; // junk before the first frame: not a clean MP3
            }
        }

        if (offset < 0 || !Mp3Frame.TryParse(probe.AsSpan(offset), out var first))
        {
            return null;
        }

        start += offset;
        long? frames = null;
        var vbrHeader = false;
        var xing = offset + 4 + first.SideInfoLength;
        if (xing + 12 <= got && (probe.AsSpan(xing, 4).SequenceEqual("Xing"u8) || probe.AsSpan(xing, 4).SequenceEqual("Info"u8)))
        {
            vbrHeader = true;
            var flags = BinaryPrimitives.ReadUInt32BigEndian(probe.AsSpan(xing + 4));
            if ((flags & 1) != 0)
            {
                frames = BinaryPrimitives.ReadUInt32BigEndian(probe.AsSpan(xing + 8));
            }
        }
        else if (offset + 36 + 18 <= got && probe.AsSpan(offset + 36, 4).SequenceEqual("VBRI"u8))
        {
            vbrHeader = true;
            frames = BinaryPrimitives.ReadUInt32BigEndian(probe.AsSpan(offset + 36 + 14));
        }
        else
        {
            // No VBR header: a second frame must follow the first where its length says, or this is not MPEG audio.
            var next = offset + first.Length;
            if (next + 4 <= got ? !Mp3Frame.TryParse(probe.AsSpan(next), out _) : start + first.Length < end)
            {
                return null;
            }
        }

        if (vbrHeader)
        {
            start += first.Length; // the VBR header frame carries no audio, and retagging tools rewrite it
        }

        var duration = frames is > 0
            ? frames.Value * (double)first.SamplesPerFrame / first.SampleRate
            : (end - start) * 8.0 / (first.BitrateKbps * 1000.0);
        if (duration <= 0)
        {
            return null;
        }

        var hash = HashRange(file, start, end - start);
        return new AudioFileInfo(AudioFormats.Mp3, duration, tags, hash, picture);
    }

    private readonly record struct Mp3Frame(int BitrateKbps, int SampleRate, int SamplesPerFrame, int Length, int SideInfoLength)
    {
        private static readonly int[] V1L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
        private static readonly int[] V2L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

        /// <summary>An MPEG-1/2/2.5 Layer III frame header (Layer I/II and ADTS are left to ffprobe).</summary>
        public static bool TryParse(ReadOnlySpan<byte> b, out Mp3Frame frame)
        {
            frame = default;
            if (b.Length < 4 || b[0] != 0xFF || (b[1] & 0xE0) != 0xE0)
            {
                return false;
            }

            var version = (b[1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
            var layer = (b[1] >> 1) & 3;   // 1 = Layer III
            var bitrateIndex = b[2] >> 4;
            var rateIndex = (b[2] >> 2) & 3;
            if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
            {
                return false;
            }

            var mpeg1 = version == 3;
            var bitrate = (mpeg1 ? V1L3 : V2L3)[bitrateIndex];
            var rate = (mpeg1 ? new[] { 44100, 48000, 32000 } : version == 2 ? new[] { 22050, 24000, 16000 } : new[] { 11025, 12000, 8000 })[rateIndex];
            var padding = (b[2] >> 1) & 1;
            var mono = (b[3] >> 6) == 3;
            var length = (mpeg1 ? 144 : 72) * bitrate * 1000 / rate + padding;
            var sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
            frame = new Mp3Frame(bitrate, rate, mpeg1 ? 1152 : 576, length, sideInfo);
            return length > 4;
        }
    }

    private static void ParseId3v2(byte major, byte flags, byte[] body, Dictionary<string, string> tags, ref byte[]? picture)
    {
        if (major is < 2 or > 4)
        {
            return;
        }

        ReadOnlySpan<byte> data = body;
        if (major < 4 && (flags & 0x80) != 0)
        {
            data = Unsync(data);
        }

        var pos = 0;
        if ((flags & 0x40) != 0 && major >= 3)
        {
            pos = major == 3 ? 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(data) : SyncSafe(data[..4]);
        }

        var idLength = major == 2 ? 3 : 4;
        var headerLength = major == 2 ? 6 : 10;
        while (pos + headerLength <= data.Length && data[pos] != 0)
        {
            var id = Encoding.ASCII.GetString(data.Slice(pos, idLength));
            int size;
            var frameFlags = 0;
            if (major == 2)
            {
                size = (data[pos + 3] << 16) | (data[pos + 4] << 8) | data[pos + 5];
            }
            else
            {
                size = major == 4 ? SyncSafe(data.Slice(pos + 4, 4)) : (int)BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 4)..]);
                frameFlags = (data[pos + 8] << 8) | data[pos + 9];
            }

            pos += headerLength;
            if (size < 0 || pos + size > data.Length)
            {
                break;
            }

            ReadOnlySpan<byte> content = data.Slice(pos, size);
            pos += size;
            if (major >= 3)
            {
                var compressedOrEncrypted = major == 4 ? (frameFlags & 0x000C) != 0 : (frameFlags & 0x00C0) != 0;
                if (compressedOrEncrypted)
                {
                    continue;
                }

                if (major == 4 && (frameFlags & 0x0001) != 0 && content.Length >= 4)
                {
                    content = content[4..]; // data length indicator
                }

                if (major == 4 && (frameFlags & 0x0002) != 0)
                {
                    content = Unsync(content);
                }
            }

            var name = id switch
            {
                "TIT2" or "TT2" => "title",
                "TPE1" or "TP1" => "artist",
                "TPE2" or "TP2" => "album_artist",
                "TALB" or "TAL" => "album",
                "TRCK" or "TRK" => "track",
                "TPOS" or "TPA" => "disc",
                "TDRC" or "TYER" or "TYE" => "date",
                "TCON" or "TCO" => "genre",
                _ => null,
            };
            if (name is not null && content.Length > 1)
            {
                var text = DecodeText(content[0], content[1..]).Replace('\0', '/').Trim('/', ' ');
                if (name == "genre")
                {
                    text = Id3Genre(text);
                }

                if (text.Length > 0)
                {
                    tags.TryAdd(name, text);
                }
            }
            else if ((id is "APIC" or "PIC") && content.Length > 4)
            {
                var encoding = content[0];
                var rest = content[1..];
                int pictureType;
                if (id == "PIC")
                {
                    rest = rest[3..]; // three-letter image format
                }
                else
                {
                    var mimeEnd = rest.IndexOf((byte)0);
                    if (mimeEnd < 0)
                    {
                        continue;
                    }

                    rest = rest[(mimeEnd + 1)..];
                }

                pictureType = rest[0];
                rest = rest[1..];
                var descriptionEnd = TerminatorEnd(encoding, rest);
                if (descriptionEnd < 0 || rest.Length - descriptionEnd > MaxPictureBytes)
                {
                    continue;
                }

                if (picture is null || pictureType == 3)
                {
                    picture = rest[descriptionEnd..].ToArray();
                }
            }
        }
    }

    private static void ParseId3v1(byte[] v1, Dictionary<string, string> tags)
    {
        string Field(int offset, int length) => Encoding.Latin1.GetString(v1, offset, length).TrimEnd('\0', ' ');
        void Add(string name, string value)
        {
            if (value.Length > 0)
            {
                tags.TryAdd(name, value);
            }
        }

        Add("title", Field(3, 30));
        Add("artist", Field(33, 30));
        Add("album", Field(63, 30));
        Add("date", Field(93, 4));
        if (v1[125] == 0 && v1[126] != 0)
        {
            Add("track", v1[126].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>"(17)Rock" → "Rock"; "(17)" alone → "" (numeric ID3v1 genres are not mapped).</summary>
    private static string Id3Genre(string text)
    {
        while (text.StartsWith('(') && text.IndexOf(')') is var close and > 0)
        {
            text = text[(close + 1)..];
        }

        return text.Trim();
    }

    private static string DecodeText(byte encoding, ReadOnlySpan<byte> bytes) => encoding switch
    {
        0 => Encoding.Latin1.GetString(bytes),
        1 => bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? Encoding.BigEndianUnicode.GetString(bytes[2..])
            : bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE ? Encoding.Unicode.GetString(bytes[2..]) : Encoding.Unicode.GetString(bytes),
        2 => Encoding.BigEndianUnicode.GetString(bytes),
        _ => Encoding.UTF8.GetString(bytes),
    };

    /// <summary>Index just after a text's terminator (one zero byte, or two aligned ones for UTF-16), or −1.</summary>
    private static int TerminatorEnd(byte encoding, ReadOnlySpan<byte> bytes)
    {
        if (encoding is 1 or 2)
        {
            for (var i = 0; i + 1 < bytes.Length; i += 2)
            {
                if (bytes[i] == 0 && bytes[i + 1] == 0)
                {
                    return i + 2;
                }
            }

            return -1;
        }

        var end = bytes.IndexOf((byte)0);
        return end < 0 ? -1 : end + 1;
    }

    private static byte[] Unsync(ReadOnlySpan<byte> data)
    {
        var output = new byte[data.Length];
        var n = 0;
        for (var i = 0; i < data.Length; i++)
        {
            output[n++] = data[i];
            if (data[i] == 0xFF && i + 1 < data.Length && data[i + 1] == 0)
            {
                i++;
            }
        }

        return output[..n];
    }

    private static int SyncSafe(ReadOnlySpan<byte> b) => (b[0] & 0x7F) << 21 | (b[1] & 0x7F) << 14 | (b[2] & 0x7F) << 7 | (b[3] & 0x7F);

    // ---------- FLAC ----------

    private static AudioFileInfo? ReadFlac(FileStream file)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        byte[]? picture = null;
        file.Position = 4;
        var header = new byte[4];
        long samples = 0;
        var rate = 0;
        var sawStreamInfo = false;
        while (true)
        {
            file.ReadExactly(header);
            var last = (header[0] & 0x80) != 0;
            var type = header[0] & 0x7F;
            var length = (header[1] << 16) | (header[2] << 8) | header[3];
            if (type is 0 or 4 or 6 && length <= MaxTagBytes)
            {
                var block = new byte[length];
                file.ReadExactly(block);
                if (type == 0 && length >= 18)
                {
                    rate = (block[10] << 12) | (block[11] << 4) | (block[12] >> 4);
                    samples = ((long)(block[13] & 0x0F) << 32) | BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(14));
                    sawStreamInfo = true;
                }
                else if (type == 4)
                {
                    ParseVorbisComment(block, tags);
                }
                else if (type == 6)
                {
                    var pictureType = (int)BinaryPrimitives.ReadUInt32BigEndian(block);
                    var p = 4;
                    p += 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(p)); // MIME
                    p += 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(p)); // description
                    p += 16;
                    var dataLength = (int)BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(p));
                    if (picture is null || pictureType == 3)
                    {
                        picture = block.AsSpan(p + 4, dataLength).ToArray();
                    }
                }
            }
            else
            {
                file.Seek(length, SeekOrigin.Current);
            }

            if (last)
            {
                break;
            }
        }

        if (!sawStreamInfo || rate <= 0 || samples <= 0)
        {
            return null; // unknown length (streamed FLAC): ffprobe estimates it
        }

        var start = file.Position;
        Span<byte> sync = stackalloc byte[2];
        if (file.ReadAtLeast(sync, 2, throwOnEndOfStream: false) < 2 || sync[0] != 0xFF || (sync[1] & 0xFE) != 0xF8)
        {
            return null; // no frame after the metadata
        }

        return new AudioFileInfo(AudioFormats.Flac, samples / (double)rate, tags, HashRange(file, start, file.Length - start), picture);
    }

    private static void ParseVorbisComment(ReadOnlySpan<byte> block, Dictionary<string, string> tags)
    {
        var p = 4 + (int)BinaryPrimitives.ReadUInt32LittleEndian(block);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(block[p..]);
        p += 4;
        for (var i = 0; i < count && p + 4 <= block.Length; i++)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(block[p..]);
            p += 4;
            if (length < 0 || p + length > block.Length)
            {
                return;
            }

            var comment = Encoding.UTF8.GetString(block.Slice(p, length));
            p += length;
            var equals = comment.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = comment[..equals].ToUpperInvariant();
            var value = comment[(equals + 1)..].Trim();
            var name = key switch
            {
                "TITLE" => "title",
                "ARTIST" => "artist",
                "ALBUMARTIST" or "ALBUM_ARTIST" or "ALBUM ARTIST" => "album_artist",
                "ALBUM" => "album",
                "TRACKNUMBER" or "TRACK" => "track",
                "DISCNUMBER" or "DISC" => "disc",
                "DATE" or "YEAR" => "date",
                "GENRE" => "genre",
                _ => null,
            };
            if (name is not null && value.Length > 0)
            {
                tags.TryAdd(name, value);
            }
        }
    }

    // ---------- Ogg ----------

    private static AudioFileInfo? ReadOgg(FileStream file)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new byte[27];
        var segments = new byte[255];
        var payload = new byte[255 * 255];
        var packet = new MemoryStream();
        var headerPackets = 0;
        var neededHeaders = 0;
        var opus = false;
        var rate = 0;
        var preSkip = 0;
        long lastGranule = 0;
        uint serial = 0;
        var first = true;
        var headersDone = false;
        while (file.ReadAtLeast(header, 27, throwOnEndOfStream: false) == 27)
        {
            if (!header.AsSpan().StartsWith("OggS"u8))
            {
                return null;
            }

            var pageSerial = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(14));
            var granule = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(6));
            var count = header[26];
            file.ReadExactly(segments, 0, count);
            var size = 0;
            for (var i = 0; i < count; i++)
            {
                size += segments[i];
            }

            file.ReadExactly(payload, 0, size);
            if (first)
            {
                serial = pageSerial;
                first = false;
            }
            else if (pageSerial != serial)
            {
                return null; // multiplexed or chained streams: ffprobe
            }

            if (headersDone)
            {
                sha.AppendData(payload, 0, size);
                if (granule >= 0)
                {
                    lastGranule = granule;
                }

                continue;
            }

            var at = 0;
            for (var i = 0; i < count && !headersDone; i++)
            {
                packet.Write(payload, at, segments[i]);
                at += segments[i];
                if (segments[i] == 255)
                {
                    continue;
                }

                if (packet.Length > MaxTagBytes)
                {
                    return null;
                }

                var bytes = packet.GetBuffer().AsSpan(0, (int)packet.Length);
                if (headerPackets == 0)
                {
                    if (bytes.Length >= 30 && bytes.StartsWith("\u0001vorbis"u8))
                    {
                        rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
                        neededHeaders = 3;
                    }
                    else if (bytes.Length >= 19 && bytes.StartsWith("OpusHead"u8))
                    {
                        opus = true;
                        preSkip = BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]);
                        rate = 48000;
                        neededHeaders = 2;
                    }
                    else
                    {
                        return null;
                    }
                }
                else if (headerPackets == 1)
                {
                    if (opus && bytes.StartsWith("OpusTags"u8))
                    {
                        ParseVorbisComment(bytes[8..], tags);
                    }
                    else if (!opus && bytes.StartsWith("\u0003vorbis"u8))
                    {
                        ParseVorbisComment(bytes[7..], tags);
                    }
                    else
                    {
                        return null;
                    }
                }

                headerPackets++;
                packet.SetLength(0);
                headersDone = headerPackets == neededHeaders;
            }

            if (headersDone && at < size)
            {
                sha.AppendData(payload, at, size - at); // audio sharing the last header page
            }
        }

        if (!headersDone || rate <= 0 || lastGranule <= 0)
        {
            return null;
        }

        var duration = (lastGranule - (opus ? preSkip : 0)) / (double)rate;
        return duration > 0
            ? new AudioFileInfo(opus ? AudioFormats.Opus : AudioFormats.Vorbis, duration, tags, Convert.ToHexStringLower(sha.GetHashAndReset()), null)
            : null;
    }

    // ---------- WAV ----------

    private static AudioFileInfo? ReadWav(FileStream file)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        file.Position = 12;
        var chunk = new byte[8];
        var byteRate = 0;
        var formatOk = false;
        long dataStart = -1, dataLength = 0;
        while (file.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            var id = Encoding.ASCII.GetString(chunk, 0, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            var bodyStart = file.Position;
            if (id == "fmt " && size >= 16)
            {
                var fmt = new byte[16];
                file.ReadExactly(fmt);
                var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                byteRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(8));
                formatOk = tag is 1 or 3 or 0xFFFE; // PCM, IEEE float, extensible
            }
            else if (id == "data")
            {
                dataStart = bodyStart;
                dataLength = Math.Min(size, file.Length - bodyStart);
            }
            else if (id == "LIST" && size is >= 4 and <= MaxTagBytes)
            {
                var list = new byte[size];
                file.ReadExactly(list);
                if (list.AsSpan().StartsWith("INFO"u8))
                {
                    ParseRiffInfo(list.AsSpan(4), tags);
                }
            }

            file.Position = bodyStart + size + (size & 1);
        }

        if (!formatOk || byteRate <= 0 || dataStart < 0 || dataLength <= 0)
        {
            return null;
        }

        return new AudioFileInfo(AudioFormats.Wav, dataLength / (double)byteRate, tags, HashRange(file, dataStart, dataLength), null);
    }

    private static void ParseRiffInfo(ReadOnlySpan<byte> info, Dictionary<string, string> tags)
    {
        var p = 0;
        while (p + 8 <= info.Length)
        {
            var id = Encoding.ASCII.GetString(info.Slice(p, 4));
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(info[(p + 4)..]);
            p += 8;
            if (size < 0 || p + size > info.Length)
            {
                return;
            }

            var name = id switch
            {
                "INAM" => "title",
                "IART" => "artist",
                "IPRD" => "album",
                "ICRD" => "date",
                "IGNR" => "genre",
                "ITRK" or "IPRT" => "track",
                _ => null,
            };
            var value = Encoding.UTF8.GetString(info.Slice(p, size)).TrimEnd('\0').Trim();
            if (name is not null && value.Length > 0)
            {
                tags.TryAdd(name, value);
            }

            p += size + (size & 1);
        }
    }

    // ---------- MP4 ----------

    private static AudioFileInfo? ReadMp4(FileStream file)
    {
        byte[]? moov = null;
        var mdat = new List<(long Start, long Length)>();
        var header = new byte[16];
        long position = 0;
        while (position + 8 <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(header, 0, 8);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header, 4, 4);
            var headerLength = 8;
            if (size == 1)
            {
                file.ReadExactly(header, 8, 8);
                size = BinaryPrimitives.ReadInt64BigEndian(header.AsSpan(8));
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = file.Length - position;
            }

            if (size < headerLength || position + size > file.Length)
            {
                return null;
            }

            if (type == "moov")
            {
                if (size > MaxTagBytes * 2L)
                {
                    return null;
                }

                moov = new byte[size - headerLength];
                file.ReadExactly(moov);
            }
            else if (type == "mdat")
            {
                mdat.Add((position + headerLength, size - headerLength));
            }

            position += size;
        }

        if (moov is null || mdat.Count == 0)
        {
            return null;
        }

        double? duration = null;
        string? codec = null;
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        byte[]? picture = null;
        foreach (var (type, body) in Boxes(moov))
        {
            if (type == "mvhd" && body.Length >= 20)
            {
                var v1 = body[0] == 1;
                var timescale = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(v1 ? 20 : 12));
                var length = v1 ? BinaryPrimitives.ReadUInt64BigEndian(body.AsSpan(24)) : BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16));
                duration = timescale > 0 ? length / (double)timescale : null;
            }
            else if (type == "trak" && codec is null)
            {
                codec = AudioCodec(body);
            }
            else if (type == "udta")
            {
                ReadIlst(body, tags, ref picture);
            }
            else if (type == "meta" && body.Length > 4)
            {
                ReadIlst(body[4..], tags, ref picture); // meta is a full box
            }
        }

        if (codec is null || duration is not > 0)
        {
            return null;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (start, length) in mdat)
        {
            AppendRange(sha, file, start, length);
        }

        return new AudioFileInfo(AudioFormats.M4a, duration.Value, tags, Convert.ToHexStringLower(sha.GetHashAndReset()), picture);
    }

    private static IEnumerable<(string Type, byte[] Body)> Boxes(byte[] data, int start = 0)
    {
        var p = start;
        while (p + 8 <= data.Length)
        {
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(p));
            var type = Encoding.Latin1.GetString(data, p + 4, 4); // Latin-1: iTunes keys start with © (0xA9)
            var headerLength = 8;
            if (size == 1 && p + 16 <= data.Length)
            {
                size = BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(p + 8));
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = data.Length - p;
            }

            if (size < headerLength || p + size > data.Length)
            {
                yield break;
            }

            yield return (type, data.AsSpan(p + headerLength, (int)size - headerLength).ToArray());
            p += (int)size;
        }
    }

    /// <summary>The codec of a sound track (<c>hdlr</c> = soun): "aac" for mp4a, "alac", else null.</summary>
    private static string? AudioCodec(byte[] trak)
    {
        var mdia = Boxes(trak).FirstOrDefault(b => b.Type == "mdia").Body;
        if (mdia is null)
        {
            return null;
        }

        var hdlr = Boxes(mdia).FirstOrDefault(b => b.Type == "hdlr").Body;
        if (hdlr is null || hdlr.Length < 12 || !hdlr.AsSpan(8, 4).SequenceEqual("soun"u8))
        {
            return null;
        }

        var minf = Boxes(mdia).FirstOrDefault(b => b.Type == "minf").Body;
        var stbl = minf is null ? null : Boxes(minf).FirstOrDefault(b => b.Type == "stbl").Body;
        var stsd = stbl is null ? null : Boxes(stbl).FirstOrDefault(b => b.Type == "stsd").Body;
        if (stsd is null || stsd.Length < 16)
        {
            return null;
        }

        var entry = Encoding.ASCII.GetString(stsd, 12, 4); // full box (4) + entry count (4) + entry size (4)
        return entry switch { "mp4a" => "aac", "alac" => "alac", _ => null };
    }

    private static void ReadIlst(byte[] container, Dictionary<string, string> tags, ref byte[]? picture)
    {
        foreach (var (type, body) in Boxes(container))
        {
            if (type == "meta" && body.Length > 4)
            {
                ReadIlst(body[4..], tags, ref picture); // meta is a full box
            }
            else if (type == "ilst")
            {
                foreach (var (key, item) in Boxes(body))
                {
                    var data = Boxes(item).FirstOrDefault(b => b.Type == "data").Body;
                    if (data is null || data.Length < 8)
                    {
                        continue;
                    }

                    var value = data.AsSpan(8);
                    var name = key switch
                    {
                        "\u00a9nam" => "title",
                        "\u00a9ART" => "artist",
                        "aART" => "album_artist",
                        "\u00a9alb" => "album",
                        "\u00a9day" => "date",
                        "\u00a9gen" => "genre",
                        _ => null,
                    };
                    if (name is not null)
                    {
                        var text = Encoding.UTF8.GetString(value).Trim();
                        if (text.Length > 0)
                        {
                            tags.TryAdd(name, text);
                        }
                    }
                    else if (key is "trkn" or "disk" && value.Length >= 4)
                    {
                        var number = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
                        var total = value.Length >= 6 ? BinaryPrimitives.ReadUInt16BigEndian(value[4..]) : 0;
                        if (number > 0)
                        {
                            tags.TryAdd(key == "trkn" ? "track" : "disc", total > 0 ? $"{number}/{total}" : $"{number}");
                        }
                    }
                    else if (key == "covr" && picture is null && value.Length <= MaxPictureBytes)
                    {
                        picture = value.ToArray();
                    }
                }
            }
        }
    }

    // ---------- hashing ----------

    private static string HashRange(FileStream file, long start, long length)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendRange(sha, file, start, length);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void AppendRange(IncrementalHash sha, FileStream file, long start, long length)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            file.Position = start;
            while (length > 0)
            {
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
                if (read == 0)
                {
                    break;
                }

                sha.AppendData(buffer, 0, read);
                length -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
