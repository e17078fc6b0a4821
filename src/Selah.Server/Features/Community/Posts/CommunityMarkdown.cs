using Ganss.Xss;
using Markdig;

namespace Selah.Server.Features.Community.Posts;

/// <summary>
/// The Markdown subset of posts and comments: paragraphs, emphasis, strike-through, links, lists, quotes and code.
/// Raw HTML is escaped by Markdig and the result is sanitised again (allow-list of tags, http/https/mailto links with
/// <c>rel="nofollow noopener ugc"</c>), so stored text can never inject markup or script.
/// </summary>
public static class CommunityMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .UseReferralLinks("nofollow", "noopener", "ugc")
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre" })
        {
            sanitizer.AllowedTags.Add(tag);
        }

        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.Add("href");
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedClasses.Clear();
        return sanitizer;
    }
}
