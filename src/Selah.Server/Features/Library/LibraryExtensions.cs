namespace Selah.Server.Features.Library;

public static class LibraryExtensions
{
    /// <summary>Playlists, favourites, follows, listening history and the home page.</summary>
    public static IEndpointRouteBuilder MapLibrary(this IEndpointRouteBuilder app)
    {
        app.MapPlaylistsApi();
        app.MapLibraryApi();
        return app;
    }
}
