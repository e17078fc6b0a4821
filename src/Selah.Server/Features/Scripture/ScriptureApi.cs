using Microsoft.AspNetCore.Http.HttpResults;
using Selah.Contracts.Scripture;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Scripture;

public static class ScriptureApi
{
    /// <summary>The longest text accepted (it travels in the query string).</summary>
    public const int MaxTextLength = 4000;

    /// <summary><c>GET /api/v1/scripture/parse?text=</c>: anonymous, no database.</summary>
    public static IEndpointRouteBuilder MapScriptureApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/scripture").WithTags("Scripture").AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem();
        group.MapGet("/parse", Parse).WithName("ParseScripture")
            .WithSummary("Finds every Bible reference in free text.")
            .WithDescription("Returns the references in order of appearance as OSIS (joined by commas) and as structured passages. " +
                "Abbreviations (Jn, 1 Cor., II Kings, Ps, Song of Songs), verse lists and ranges (Romans 8:28, 38-39; Eph 2:8-9; 3:20), " +
                "en dashes and cross-chapter ranges are understood; single-chapter books take chapter 1 (Jude 3 = Jude.1.3); a range " +
                "covering a whole chapter or book is written as that chapter or book (Ps 23:1-6 = Ps.23, Ruth 1-4 = Ruth).");
        return app;
    }

    public static Results<Ok<ScriptureParseResponse>, ValidationProblem> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problems.Field("text", "Text is required.");
        }

        if (text.Length > MaxTextLength)
        {
            return Problems.Field("text", $"Text must be at most {MaxTextLength} characters.");
        }

        var found = ReferenceParser.Parse(text);
        var passages = new ScripturePassage[found.Count];
        for (var k = 0; k < found.Count; k++)
        {
            var p = found[k];
            passages[k] = new ScripturePassage(p.Osis(), ToRef(p.Start), ToRef(p.End), p.Index, p.Length);
        }

        return TypedResults.Ok(new ScriptureParseResponse(ReferenceParser.ToOsis(found), passages));
    }

    private static VerseRef ToRef(VersePoint point) => new(BookAliases.OsisIds[point.Book], point.Chapter, point.Verse);
}
