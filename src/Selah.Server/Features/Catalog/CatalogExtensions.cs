using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

public static class CatalogExtensions
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStartupSeeder, CatalogSeeder>();
        builder.Services.AddSingleton<CatalogTags>();
        return builder;
    }

    /// <summary>
    /// Reads are anonymous (visibility per row through <see cref="CatalogAccess"/>); edits need a signed-in caller and
    /// <see cref="CatalogAccess.CanManage"/> on the row.
    /// </summary>
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapTagsApi();
        var artists = Group(app, "/api/v1/artists");
        var albums = Group(app, "/api/v1/albums");
        var tracks = Group(app, "/api/v1/tracks");
        artists.MapArtistReads();
        albums.MapAlbumReads();
        tracks.MapTrackReads();
        ArtworkApi.MapArtworkReads(tracks, albums, artists);

        var artistEdits = Group(app, "/api/v1/artists").RequireAuthorization();
        var albumEdits = Group(app, "/api/v1/albums").RequireAuthorization();
        var trackEdits = Group(app, "/api/v1/tracks").RequireAuthorization();
        foreach (var group in new[] { artistEdits, albumEdits, trackEdits })
        {
            group.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        }

        artistEdits.MapArtistEdits();
        albumEdits.MapAlbumEdits();
        trackEdits.MapTrackEdits();
        ArtworkApi.MapArtworkUploads(trackEdits, albumEdits, artistEdits);
        return app;
    }

    private static RouteGroupBuilder Group(IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags("Catalog").AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
