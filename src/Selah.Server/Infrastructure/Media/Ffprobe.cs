using System.Globalization;
using System.Text.Json;

namespace Selah.Server.Infrastructure.Media;

/// <summary>What ffprobe says about a file: container, first audio stream, tags, and whether it carries cover art.</summary>
public sealed record ProbeResult(
    string FormatName,
    double? DurationSeconds,
    string? AudioCodec,
    int? SampleRate,
    int? Channels,
    long? BitRate,
    bool HasCoverArt,
    IReadOnlyDictionary<string, string> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>ffprobe adapter (JSON output).</summary>
public sealed class Ffprobe(string path)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public async Task<ProbeResult?> ProbeAsync(string file, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await ToolProcess.RunAsync(path,
                ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "--", file], Timeout, cancellationToken);
        }
        catch (MediaToolException) when (File.Exists(file))
        {
            return null; // not media ffprobe understands
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("format", out var format))
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Collect(format, tags);
        JsonElement? audio = null;
        var cover = false;
        if (root.TryGetProperty("streams", out var streams))
        {
            foreach (var stream in streams.EnumerateArray())
            {
                var type = stream.TryGetProperty("codec_type", out var t) ? t.GetString() : null;
                if (type == "audio" && audio is null)
                {
                    audio = stream;
                    Collect(stream, tags); // Ogg/Opus keep Vorbis comments on the stream
                }
                else if (type == "video")
                {
                    cover = true;
                }
            }
        }

        return new ProbeResult(
            Str(format, "format_name") ?? "",
            Num(format, "duration") ?? (audio is { } a1 ? Num(a1, "duration") : null),
            audio is { } a ? Str(a, "codec_name") : null,
            audio is { } b ? (int?)Num(b, "sample_rate") : null,
            audio is { } c && c.TryGetProperty("channels", out var ch) ? ch.GetInt32() : null,
            (long?)(Num(format, "bit_rate") ?? (audio is { } d ? Num(d, "bit_rate") : null)),
            cover,
            tags);
    }

    private static void Collect(JsonElement element, Dictionary<string, string> tags)
    {
        if (element.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in t.EnumerateObject())
            {
                if (tag.Value.ValueKind == JsonValueKind.String)
                {
                    tags.TryAdd(tag.Name, tag.Value.GetString()!);
                }
            }
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) =>
        Str(e, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
