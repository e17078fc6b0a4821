using System.Globalization;
using Selah.Contracts.Bible;

namespace Selah.Client.Api;

/// <summary>The Bible: translations, passages, search, verse of the day, and my highlights and notes.</summary>
public sealed class BibleApi(ApiTransport transport)
{
    public Task<IReadOnlyList<BibleTranslationResponse>> TranslationsAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<BibleTranslationResponse>>("api/v1/bible/translations", cancellationToken);

    public Task<IReadOnlyList<BibleBookResponse>> BooksAsync(string translation, CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<BibleBookResponse>>($"api/v1/bible/{Uri.EscapeDataString(translation)}/books", cancellationToken);

    public Task<BiblePassageResponse> PassageAsync(string translation, string osis, CancellationToken cancellationToken = default) =>
        transport.GetAsync<BiblePassageResponse>($"api/v1/bible/{Uri.EscapeDataString(translation)}/{Uri.EscapeDataString(osis)}", cancellationToken);

    public Task<BibleSearchResponse> SearchAsync(string translation, string q, int offset = 0, int limit = 20, CancellationToken cancellationToken = default) =>
        transport.GetAsync<BibleSearchResponse>(CatalogApi.Query($"api/v1/bible/{Uri.EscapeDataString(translation)}/search", ("q", q),
            ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", limit.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<VerseOfTheDayResponse> VerseOfTheDayAsync(string? timeZone, string? translation = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<VerseOfTheDayResponse>(CatalogApi.Query("api/v1/bible/votd", ("tz", timeZone), ("translation", translation)), cancellationToken);

    public Task<ChapterAnnotationsResponse?> ChapterAnnotationsAsync(string chapterOsis, CancellationToken cancellationToken = default) =>
        transport.GetOrNullWhenUnauthorizedAsync<ChapterAnnotationsResponse>($"api/v1/me/bible/annotations/{Uri.EscapeDataString(chapterOsis)}", cancellationToken);

    public Task<HighlightResponse> HighlightAsync(string verseOsis, string color, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<HighlightResponse>(HttpMethod.Put, $"api/v1/me/bible/highlights/{Uri.EscapeDataString(verseOsis)}", new HighlightRequest { Color = color }, cancellationToken);

    public Task RemoveHighlightAsync(string verseOsis, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/me/bible/highlights/{Uri.EscapeDataString(verseOsis)}", null, cancellationToken);

    public Task<BookmarkResponse> BookmarkAsync(string verseOsis, string? translation, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<BookmarkResponse>(HttpMethod.Put, $"api/v1/me/bible/bookmarks/{Uri.EscapeDataString(verseOsis)}", new BookmarkRequest { Translation = translation }, cancellationToken);

    public Task RemoveBookmarkAsync(string verseOsis, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/me/bible/bookmarks/{Uri.EscapeDataString(verseOsis)}", null, cancellationToken);

    public Task<NoteResponse> AddNoteAsync(string verseOsis, string text, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<NoteResponse>(HttpMethod.Post, "api/v1/me/bible/notes", new CreateNoteRequest { Verse = verseOsis, Text = text }, cancellationToken);

    public Task<NoteResponse> UpdateNoteAsync(Guid id, string text, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<NoteResponse>(HttpMethod.Put, $"api/v1/me/bible/notes/{id}", new UpdateNoteRequest { Text = text }, cancellationToken);

    public Task DeleteNoteAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/me/bible/notes/{id}", null, cancellationToken);
}
