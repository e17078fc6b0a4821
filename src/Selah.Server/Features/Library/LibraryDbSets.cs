using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Library;

namespace Selah.Server.Infrastructure.Data;

public abstract partial class SelahDbContext
{
    public DbSet<Playlist> Playlists => Set<Playlist>();
    public DbSet<PlaylistEntry> PlaylistEntries => Set<PlaylistEntry>();
    public DbSet<PlaylistCollaboratorRow> PlaylistCollaborators => Set<PlaylistCollaboratorRow>();
    public DbSet<FavouriteTrackRow> FavouriteTracks => Set<FavouriteTrackRow>();
    public DbSet<FavouriteAlbumRow> FavouriteAlbums => Set<FavouriteAlbumRow>();
    public DbSet<FavouriteArtistRow> FavouriteArtists => Set<FavouriteArtistRow>();
    public DbSet<ArtistFollowRow> ArtistFollows => Set<ArtistFollowRow>();
}
