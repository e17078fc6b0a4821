using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Bible;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;
using SkiaSharp;

namespace Selah.Server.Features.Bible;

/// <summary>Query of the verse-of-the-day endpoints.</summary>
public sealed record VerseOfTheDayQuery
{
    /// <summary>IANA time zone (<c>Europe/London</c>) whose date is used; default the server's zone.</summary>
    public string? Tz { get; init; }

    /// <summary>Translation id (default <c>kjv</c>, or the first imported one).</summary>
    public string? Translation { get; init; }

    /// <summary>A date (<c>YYYY-MM-DD</c>) instead of today in the zone.</summary>
    public string? Date { get; init; }
}

/// <summary>
/// The verse of the day: the date in the caller's time zone picks one verse from <see cref="VerseOfTheDayList"/>
/// (day number modulo the list length), so everyone in a zone sees the same verse on the same date and consecutive dates
/// differ. The image is a 1080×1080 PNG of the verse over a gradient whose colours come from the date.
/// </summary>
public static class VerseOfTheDay
{
    public const int ImageSize = 1080;
    private const string SerifFont = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
    private const string SansFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private static readonly (SKColor From, SKColor To)[] Palettes =
    [
        (new SKColor(0x1e, 0x3a, 0x5f), new SKColor(0x4a, 0x7c, 0x9d)),
        (new SKColor(0x3d, 0x1e, 0x5f), new SKColor(0x9d, 0x4a, 0x7c)),
        (new SKColor(0x1f, 0x4d, 0x3a), new SKColor(0x6a, 0x9d, 0x4a)),
        (new SKColor(0x5f, 0x2e, 0x1e), new SKColor(0xc7, 0x8b, 0x3e)),
        (new SKColor(0x22, 0x22, 0x3a), new SKColor(0x5a, 0x5a, 0x8c)),
        (new SKColor(0x4a, 0x1e, 0x2e), new SKColor(0xd0, 0x6a, 0x5a)),
    ];

    public static RouteGroupBuilder MapVerseOfTheDay(this RouteGroupBuilder bible)
    {
        bible.MapGet("/votd", GetAsync).WithName("GetVerseOfTheDay").WithSummary("The verse of the day in a time zone (`tz`).");
        bible.MapGet("/votd/image.png", GetImageAsync).WithName("GetVerseOfTheDayImage")
            .WithSummary("The verse of the day as a shareable 1080×1080 PNG.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        return bible;
    }

    /// <summary>The curated reference for a date.</summary>
    public static string ReferenceFor(DateOnly date) => VerseOfTheDayList.All[date.DayNumber % VerseOfTheDayList.All.Count];

    public static async Task<Results<Ok<VerseOfTheDayResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        [AsParameters] VerseOfTheDayQuery query, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(query, db, clock, cancellationToken);
        if (resolved.Problem is not null)
        {
            return resolved.Problem;
        }

        if (resolved.Validation is not null)
        {
            return resolved.Validation;
        }

        var v = resolved.Verse!;
        var imageUrl = $"/api/v1/bible/votd/image.png?date={v.Date:yyyy-MM-dd}&translation={v.Translation}";
        return TypedResults.Ok(new VerseOfTheDayResponse(v.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.Zone, v.Translation,
            v.Osis, v.Reference, v.Text, imageUrl));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetImageAsync(
        [AsParameters] VerseOfTheDayQuery query, SelahDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(query, db, clock, cancellationToken);
        if (resolved.Problem is not null)
        {
            return resolved.Problem;
        }

        if (resolved.Validation is not null)
        {
            return resolved.Validation;
        }

        var v = resolved.Verse!;
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue(
            '"' + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"v1|{v.Date:O}|{v.Translation}|{v.Osis}|{v.Text}")))[..20] + '"');
        // A dated URL never changes; "today" changes at the zone's midnight.
        var maxAge = query.Date is not null ? TimeSpan.FromDays(7) : TimeSpan.FromHours(1);
        http.Response.Headers.CacheControl = $"public, max-age={(int)maxAge.TotalSeconds}";
        var png = Render(v.Text, v.Reference, v.Translation.ToUpperInvariant(), v.Date);
        return TypedResults.File(png, "image/png", entityTag: etag);
    }

    private sealed record Resolved(DateOnly Date, string Zone, string Translation, string Osis, string Reference, string Text);

    private sealed record Resolution(Resolved? Verse, ValidationProblem? Validation = null, ProblemHttpResult? Problem = null);

    private static async Task<Resolution> ResolveAsync(VerseOfTheDayQuery query, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        TimeZoneInfo zone;
        if (string.IsNullOrWhiteSpace(query.Tz))
        {
            zone = clock.LocalTimeZone;
        }
        else if (query.Tz.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(query.Tz.Trim(), out zone!))
        {
            return new Resolution(null, Problems.Field("tz", "Time zone must be an IANA zone id such as Europe/London."));
        }

        DateOnly date;
        if (query.Date is null)
        {
            date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        }
        else if (!DateOnly.TryParseExact(query.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
                 || date.Year is < 1900 or > 2200)
        {
            return new Resolution(null, Problems.Field("date", "Date must be YYYY-MM-DD between 1900 and 2200."));
        }

        BibleTranslation? translation;
        if (query.Translation is { Length: > 0 } requested)
        {
            translation = await BibleApi.FindTranslationAsync(db, requested, cancellationToken);
            if (translation is null)
            {
                return new Resolution(null, Problem: Problems.NotFound("The translation"));
            }
        }
        else
        {
            var all = await db.BibleTranslations.AsNoTracking().ToListAsync(cancellationToken);
            translation = all.FirstOrDefault(t => t.Id == "kjv") ?? all.OrderBy(t => t.Id).FirstOrDefault();
            if (translation is null)
            {
                return new Resolution(null, Problem: Problems.NotFound("A Bible translation"));
            }
        }

        // The curated verse; if this translation lacks it (different versification), the next one in the list.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var osis = VerseOfTheDayList.All[(date.DayNumber + attempt) % VerseOfTheDayList.All.Count];
            if (BiblePassage.TryParse(osis, out var passage) != PassageError.None)
            {
                continue;
            }

            var verses = await BibleApi.LoadAsync(db, translation.Id, passage!.Start, passage.End, cancellationToken);
            if (verses.Count > 0)
            {
                return new Resolution(new Resolved(date, zone.Id, translation.Id, passage.Osis, passage.Reference,
                    string.Join(' ', verses.Select(v => v.Text))));
            }
        }

        return new Resolution(null, Problem: Problems.NotFound("The verse of the day"));
    }

    /// <summary>The verse over a date-coloured diagonal gradient, the reference and translation below it.</summary>
    public static byte[] Render(string text, string reference, string translation, DateOnly date)
    {
        var (from, to) = Palettes[date.DayNumber % Palettes.Length];
        using var surface = SKSurface.Create(new SKImageInfo(ImageSize, ImageSize, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(ImageSize, ImageSize), [from, to], SKShaderTileMode.Clamp))
        using (var fill = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(0, 0, ImageSize, ImageSize, fill);
        }

        using (var glow = new SKPaint { Color = SKColors.White.WithAlpha(28), IsAntialias = true })
        {
            canvas.DrawCircle(ImageSize * 0.82f, ImageSize * 0.18f, ImageSize * 0.32f, glow);
            canvas.DrawCircle(ImageSize * 0.12f, ImageSize * 0.9f, ImageSize * 0.22f, glow);
        }

        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var serif = File.Exists(SerifFont) ? SKTypeface.FromFile(SerifFont) : SKTypeface.Default;
        using var sans = File.Exists(SansFont) ? SKTypeface.FromFile(SansFont) : SKTypeface.Default;

        // Shrink the type until the verse fits in the text box.
        const float width = ImageSize - 200;
        var size = 64f;
        List<string> lines;
        SKFont font;
        while (true)
        {
            font = new SKFont(serif, size);
            lines = Wrap($"“{text}”", font, width);
            if (lines.Count * size * 1.35f < ImageSize - 380 || size <= 26)
            {
                break;
            }

            font.Dispose();
            size -= 4;
        }

        using (font)
        {
            var lineHeight = size * 1.35f;
            var y = (ImageSize - lines.Count * lineHeight) / 2f + size - 40;
            foreach (var line in lines)
            {
                canvas.DrawText(line, ImageSize / 2f, y, SKTextAlign.Center, font, paint);
                y += lineHeight;
            }
        }

        using var referenceFont = new SKFont(sans, 40);
        paint.Color = SKColors.White.WithAlpha(230);
        canvas.DrawText(reference, ImageSize / 2f, ImageSize - 170, SKTextAlign.Center, referenceFont, paint);
        using var small = new SKFont(sans, 26);
        paint.Color = SKColors.White.WithAlpha(170);
        canvas.DrawText($"{translation} · Verse of the day · {date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}",
            ImageSize / 2f, ImageSize - 115, SKTextAlign.Center, small, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }
}
