using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Catalog;

/// <summary>
/// The genre and mood vocabularies, read once per process: they are seeded at start-up and nothing in the API changes them.
/// </summary>
public sealed class CatalogTags(IDbContextFactory<SelahDbContext> contexts)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<TagResponse>? _genres;
    private IReadOnlyList<TagResponse>? _moods;

    public async Task<IReadOnlyList<TagResponse>> GenresAsync(CancellationToken cancellationToken) =>
        _genres ?? await LoadAsync(cancellationToken, genres: true);

    public async Task<IReadOnlyList<TagResponse>> MoodsAsync(CancellationToken cancellationToken) =>
        _moods ?? await LoadAsync(cancellationToken, genres: false);

    private async Task<IReadOnlyList<TagResponse>> LoadAsync(CancellationToken cancellationToken, bool genres)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            _genres ??= await db.Genres.AsNoTracking().OrderBy(g => g.Name).Select(g => new TagResponse(g.Id, g.Name, g.Slug)).ToListAsync(cancellationToken);
            _moods ??= await db.Moods.AsNoTracking().OrderBy(m => m.Name).Select(m => new TagResponse(m.Id, m.Name, m.Slug)).ToListAsync(cancellationToken);
            return genres ? _genres : _moods;
        }
        finally
        {
            _gate.Release();
        }
    }
}

public static class TagsApi
{
    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/v1").WithTags("Catalog");
        catalog.MapGet("/genres", ListGenresAsync).WithName("ListGenres").WithSummary("All genres, by name.");
        catalog.MapGet("/moods", ListMoodsAsync).WithName("ListMoods").WithSummary("All moods, by name.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<TagResponse>>> ListGenresAsync(CatalogTags tags, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tags.GenresAsync(cancellationToken));

    public static async Task<Ok<IReadOnlyList<TagResponse>>> ListMoodsAsync(CatalogTags tags, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tags.MoodsAsync(cancellationToken));
}
