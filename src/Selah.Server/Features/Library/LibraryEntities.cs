using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Catalog;

namespace Selah.Server.Features.Library;

/// <summary>A listener's playlist. <see cref="Version"/> grows with every change (ETag, optimistic concurrency).</summary>
public sealed class Playlist
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OwnerId { get; set; }
    /// <summary>
    /// The church group the playlist belongs to, or null for a personal playlist. A group playlist's visibility follows
    /// the group (its own <see cref="IsPublic"/> stays false) and every current member may edit its tracks.
    /// </summary>
    public Guid? GroupId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsPublic { get; set; }
    /// <summary>Storage key of an uploaded cover; null = the generated mosaic.</summary>
    public string? CoverKey { get; set; }
    /// <summary>Random token of the active share link; null when none. Anyone with it may view the playlist.</summary>
    public string? ShareToken { get; set; }
    public long Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<PlaylistEntry> Entries { get; set; } = [];
    public List<PlaylistCollaboratorRow> Collaborators { get; set; } = [];
}

/// <summary>
/// One track in a playlist. Order is <see cref="SortKey"/> ascending: keys are spread with gaps so an insert or move
/// normally writes one row; when a gap closes the playlist is renumbered. Unique per playlist, so two entries can
/// never share a position.
/// </summary>
public sealed class PlaylistEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlaylistId { get; set; }
    public Guid TrackId { get; set; }
    public Track Track { get; set; } = null!;
    public long SortKey { get; set; }
    public Guid? AddedById { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public sealed class PlaylistCollaboratorRow
{
    public Guid PlaylistId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public sealed class FavouriteTrackRow
{
    public Guid UserId { get; set; }
    public Guid TrackId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class FavouriteAlbumRow
{
    public Guid UserId { get; set; }
    public Guid AlbumId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class FavouriteArtistRow
{
    public Guid UserId { get; set; }
    public Guid ArtistId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ArtistFollowRow
{
    public Guid UserId { get; set; }
    public Guid ArtistId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PlaylistConfiguration : IEntityTypeConfiguration<Playlist>
{
    public void Configure(EntityTypeBuilder<Playlist> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Description).HasMaxLength(1000);
        builder.Property(p => p.CoverKey).HasMaxLength(200);
        builder.Property(p => p.ShareToken).HasMaxLength(64);
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.PlaylistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Collaborators).WithOne().HasForeignKey(c => c.PlaylistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.OwnerId, p.Id });
        builder.HasIndex(p => new { p.IsPublic, p.Id });
        // Deleting a group deletes its playlists (entries and collaborators cascade from there).
        builder.HasOne<Selah.Server.Features.Community.Groups.CommunityGroup>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.GroupId, p.Id });
        builder.HasIndex(p => p.ShareToken).IsUnique();
    }
}

internal sealed class PlaylistEntryConfiguration : IEntityTypeConfiguration<PlaylistEntry>
{
    public void Configure(EntityTypeBuilder<PlaylistEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasOne(e => e.Track).WithMany().HasForeignKey(e => e.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(e => e.AddedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => new { e.PlaylistId, e.SortKey }).IsUnique();
        builder.HasIndex(e => e.TrackId);
    }
}

internal sealed class PlaylistCollaboratorConfiguration : IEntityTypeConfiguration<PlaylistCollaboratorRow>
{
    public void Configure(EntityTypeBuilder<PlaylistCollaboratorRow> builder)
    {
        builder.ToTable("PlaylistCollaborators");
        builder.HasKey(c => new { c.PlaylistId, c.UserId });
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.UserId);
    }
}

internal sealed class FavouriteTrackConfiguration : IEntityTypeConfiguration<FavouriteTrackRow>
{
    public void Configure(EntityTypeBuilder<FavouriteTrackRow> builder)
    {
        builder.ToTable("FavouriteTracks");
        builder.HasKey(f => new { f.UserId, f.TrackId });
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Track>().WithMany().HasForeignKey(f => f.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.UserId, f.CreatedAt });
        builder.HasIndex(f => f.TrackId);
    }
}

internal sealed class FavouriteAlbumConfiguration : IEntityTypeConfiguration<FavouriteAlbumRow>
{
    public void Configure(EntityTypeBuilder<FavouriteAlbumRow> builder)
    {
        builder.ToTable("FavouriteAlbums");
        builder.HasKey(f => new { f.UserId, f.AlbumId });
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Album>().WithMany().HasForeignKey(f => f.AlbumId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.UserId, f.CreatedAt });
        builder.HasIndex(f => f.AlbumId);
    }
}

internal sealed class FavouriteArtistConfiguration : IEntityTypeConfiguration<FavouriteArtistRow>
{
    public void Configure(EntityTypeBuilder<FavouriteArtistRow> builder)
    {
        builder.ToTable("FavouriteArtists");
        builder.HasKey(f => new { f.UserId, f.ArtistId });
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Artist>().WithMany().HasForeignKey(f => f.ArtistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.UserId, f.CreatedAt });
        builder.HasIndex(f => f.ArtistId);
    }
}

internal sealed class ArtistFollowConfiguration : IEntityTypeConfiguration<ArtistFollowRow>
{
    public void Configure(EntityTypeBuilder<ArtistFollowRow> builder)
    {
        builder.ToTable("ArtistFollows");
        builder.HasKey(f => new { f.UserId, f.ArtistId });
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Artist>().WithMany().HasForeignKey(f => f.ArtistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.UserId, f.CreatedAt });
        builder.HasIndex(f => f.ArtistId);
    }
}
