using System.Buffers.Binary;
using System.IO.Compression;

namespace Selah.Server.Features.Media.Import;

/// <summary>Zip-slip and zip-bomb checks, and the allowed-root rule for server folders.</summary>
public static class ImportSafety
{
    private static readonly string[] CoverNames = ["folder.jpg", "cover.jpg", "front.jpg", "folder.png", "cover.png", "front.png", "folder.jpeg", "cover.jpeg"];

    /// <summary>True for the usual album-art side files (folder.jpg, cover.jpg, front.jpg and PNG/JPEG variants).</summary>
    public static bool IsCoverFileName(string name) => CoverNames.Contains(Path.GetFileName(name).ToLowerInvariant());

    /// <summary>
    /// The number of entries an archive declares in its end-of-central-directory record (ZIP64 aware), read before the
    /// archive is opened so a central directory with millions of entries is refused without being loaded. Null: not a zip.
    /// </summary>
    public static long? CountEntries(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length < 22)
        {
            return null;
        }

        var tailLength = (int)Math.Min(file.Length, 22 + 65535);
        var tail = new byte[tailLength];
        file.Position = file.Length - tailLength;
        file.ReadExactly(tail);
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (tail[i] != 0x50 || !tail.AsSpan(i, 4).SequenceEqual("PK\u0005\u0006"u8))
            {
                continue;
            }

            long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            if (entries == 0xFFFF && i >= 20 && tail.AsSpan(i - 20, 4).SequenceEqual("PK\u0006\u0007"u8))
            {
                var zip64 = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(i - 20 + 8));
                if (zip64 < 0 || zip64 + 56 > file.Length)
                {
                    return null;
                }

                var record = new byte[56];
                file.Position = zip64;
                file.ReadExactly(record);
                if (!record.AsSpan().StartsWith("PK\u0006\u0006"u8))
                {
                    return null;
                }

                entries = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32));
            }

            return entries;
        }

        return null;
    }

    /// <summary>Why an entry name is unsafe to use (zip-slip), or null when it is a plain relative path.</summary>
    public static string? UnsafeEntryReason(ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        if (name.Contains('\0'))
        {
            return "Unsafe path in archive: contains a NUL character.";
        }

        if (name.StartsWith('/') || name.StartsWith('\\'))
        {
            return "Unsafe path in archive: absolute path.";
        }

        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':')
        {
            return "Unsafe path in archive: drive letter.";
        }

        if (name.Split('/', '\\').Any(segment => segment == ".."))
        {
            return "Unsafe path in archive: contains '..'.";
        }

        const int UnixFileType = 0xF000, UnixSymlink = 0xA000;
        if (((entry.ExternalAttributes >> 16) & UnixFileType) == UnixSymlink)
        {
            return "Symbolic link in archive: not followed.";
        }

        return null;
    }

    /// <summary>A name fit for the report: control characters replaced, at most 1024 characters.</summary>
    public static string ReportPath(string name)
    {
        var clean = new string(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length > 1024 ? clean[..1021] + "..." : clean;
    }

    /// <summary>The path with every symbolic link resolved (like realpath(3)); the path need not exist past its last existing part.</summary>
    public static string RealPath(string path, int depth = 0)
    {
        if (depth > 40)
        {
            throw new IOException("Too many levels of symbolic links.");
        }

        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                next = RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1);
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when <paramref name="realPath"/> is one of the (resolved) roots or lies below one.</summary>
    public static bool IsUnderRoots(string realPath, IReadOnlyList<string> realRoots) =>
        realRoots.Any(root => realPath == root || realPath.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    /// <summary>The configured roots, resolved; roots that do not exist are left out.</summary>
    public static List<string> ResolveRoots(IEnumerable<string> roots)
    {
        var resolved = new List<string>();
        foreach (var root in roots.Where(r => !string.IsNullOrWhiteSpace(r) && Path.IsPathFullyQualified(r)))
        {
            try
            {
                var real = RealPath(root);
                if (Directory.Exists(real))
                {
                    resolved.Add(real);
                }
            }
            catch (IOException)
            {
            }
        }

        return resolved;
    }
}
