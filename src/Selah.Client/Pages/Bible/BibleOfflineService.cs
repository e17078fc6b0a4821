using Microsoft.JSInterop;
using Selah.Contracts.Bible;

namespace Selah.Client.Pages.Bible;

/// <summary>A translation kept for offline reading: its chapters and the bytes they take.</summary>
public sealed record OfflineTranslation(int Chapters, long Bytes, DateTimeOffset DownloadedAt);

/// <summary>
/// Offline Bible through <c>js/bible-offline.js</c>: every chapter of a translation goes into Cache Storage, book by book
/// (<c>GET /api/v1/bible/{translation}/books/{book}</c>), where the service worker answers the reader from when offline.
/// </summary>
public sealed class BibleOfflineService(IJSRuntime js)
{
    private IJSObjectReference? _module;

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/bible-offline.js");

    public async Task<bool> SupportedAsync() => await (await ModuleAsync()).InvokeAsync<bool>("supported");

    public async Task<IReadOnlyDictionary<string, OfflineTranslation>> ListAsync() =>
        await (await ModuleAsync()).InvokeAsync<Dictionary<string, OfflineTranslation>>("list");

    /// <summary>Downloads every book of the translation, reporting (books done, books in all). Returns the bytes stored.</summary>
    public async Task<long> DownloadAsync(string translation, IReadOnlyList<BibleBookResponse> books, Action<int, int> progress,
        CancellationToken cancellationToken)
    {
        var module = await ModuleAsync();
        var bytes = await module.InvokeAsync<long>("begin", cancellationToken, translation);
        var chapters = 0;
        for (var i = 0; i < books.Count; i++)
        {
            var stored = await module.InvokeAsync<StoredBook>("downloadBook", cancellationToken, translation, books[i].Id);
            chapters += stored.Chapters;
            bytes += stored.Bytes;
            progress(i + 1, books.Count);
        }

        await module.InvokeVoidAsync("finish", cancellationToken, translation, chapters, bytes);
        return bytes;
    }

    private sealed record StoredBook(int Chapters, long Bytes);

    public async Task RemoveAsync(string translation) => await (await ModuleAsync()).InvokeVoidAsync("remove", translation);
}
