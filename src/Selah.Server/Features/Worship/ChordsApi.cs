using Microsoft.AspNetCore.Http.HttpResults;
using Selah.Contracts.Worship;
using Selah.Server.Features.Worship.ChordPro;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Worship;

/// <summary><c>POST /api/v1/chords/transpose</c>: anonymous, rate limited per IP.</summary>
public static class ChordsApi
{
    public static IEndpointRouteBuilder MapChordsApi(this IEndpointRouteBuilder app)
    {
        var chords = WorshipExtensions.Group(app, "/api/v1/chords");
        chords.MapPost("/transpose", Transpose).WithName("TransposeChordPro")
            .WithSummary("Transposes a ChordPro sheet by semitones (or to a key), spelled for the target key.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RateLimited("transpose");
        chords.MapPost("/render", Render).WithName("RenderChordPro")
            .WithSummary("Renders ChordPro text as the sheet view draws it (the arrangement editor's live preview); errors carry line numbers.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RateLimited("transpose");
        return app;
    }

    public static Results<Ok<TransposeResponse>, ValidationProblem> Transpose(TransposeRequest request)
    {
        MusicKey? target = null;
        if (!string.IsNullOrWhiteSpace(request.TargetKey))
        {
            if (!MusicKey.TryParse(request.TargetKey, out var key))
            {
                return Problems.Field("targetKey", "Target key must be a key such as G, Bb or F#m.");
            }

            target = key;
        }

        var sheet = ChordProParser.Parse(request.ChordPro);
        if (!sheet.IsValid)
        {
            return ChordProProblem(sheet);
        }

        var (moved, movedKey) = ChordTransposer.Transpose(sheet, request.Semitones, target);
        return TypedResults.Ok(new TransposeResponse(ChordProWriter.Write(moved), movedKey?.ToString()));
    }

    public static Results<Ok<RenderedSheetResponse>, ValidationProblem> Render(RenderChordProRequest request)
    {
        if (request.ChordPro.Length > WorshipLimits.ChordProMaxLength)
        {
            return Problems.Field("chordPro", $"line 1: the sheet is longer than {WorshipLimits.ChordProMaxLength} characters");
        }

        var sheet = ChordProParser.Parse(request.ChordPro);
        if (!sheet.IsValid)
        {
            return ChordProProblem(sheet);
        }

        return TypedResults.Ok(SheetRenderer.Render(sheet, sheet.Key, 0, sheet.Key, "chords"));
    }

    internal static ValidationProblem ChordProProblem(ChordSheet sheet, string field = "chordPro") =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = sheet.Errors.Select(e => e.ToString()).ToArray() },
            title: "The ChordPro text has errors.");
}
