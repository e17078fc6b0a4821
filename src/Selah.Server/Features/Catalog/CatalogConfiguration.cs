using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Server.Features.Accounts;

namespace Selah.Server.Features.Catalog;

internal sealed class ArtistConfiguration : IEntityTypeConfiguration<Artist>
{
    public void Configure(EntityTypeBuilder<Artist> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(120);
        builder.Property(a => a.Slug).HasMaxLength(140);
        builder.Property(a => a.Bio).HasMaxLength(4000);
        builder.Property(a => a.ImageKey).HasMaxLength(200);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.HasIndex(a => a.Name);
        builder.HasIndex(a => a.OwnerId);
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AlbumConfiguration : IEntityTypeConfiguration<Album>
{
    public void Configure(EntityTypeBuilder<Album> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Slug).HasMaxLength(220);
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.CoverKey).HasMaxLength(200);
        builder.HasOne(a => a.Artist).WithMany(a => a.Albums).HasForeignKey(a => a.ArtistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.ArtistId, a.Slug }).IsUnique();
        builder.HasIndex(a => new { a.Published, a.Id });
    }
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Error).HasMaxLength(2000);
        builder.Property(t => t.Lyrics).HasMaxLength(20000);
        builder.Property(t => t.SyncedLyrics).HasMaxLength(40000);
        builder.Property(t => t.CcliNumber).HasMaxLength(8);
        builder.Property(t => t.Isrc).HasMaxLength(12);
        builder.Property(t => t.ContentHash).HasMaxLength(64);
        builder.Property(t => t.OriginalFormat).HasMaxLength(32);
        foreach (var key in new[] { nameof(Track.OriginalKey), nameof(Track.CoverKey), nameof(Track.OpusKey), nameof(Track.AacKey), nameof(Track.HlsPrefix), nameof(Track.WaveformKey) })
        {
            builder.Property(key).HasMaxLength(200);
        }

        builder.HasOne(t => t.Artist).WithMany().HasForeignKey(t => t.ArtistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Album).WithMany(a => a.Tracks).HasForeignKey(t => t.AlbumId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(t => t.UploadedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(t => t.Genres).WithMany(g => g.Tracks).UsingEntity("TrackGenres");
        builder.HasMany(t => t.Moods).WithMany(m => m.Tracks).UsingEntity("TrackMoods");
        // Keyset lists: newest first within the public (published) catalogue, per artist and per album.
        builder.HasIndex(t => new { t.Published, t.Id });
        builder.HasIndex(t => new { t.ArtistId, t.Id });
        builder.HasIndex(t => new { t.AlbumId, t.DiscNumber, t.TrackNumber });
        builder.HasIndex(t => t.Status);
        builder.HasIndex(t => t.ContentHash);
        builder.HasIndex(t => t.Title);
    }
}

internal sealed class GenreConfiguration : IEntityTypeConfiguration<Genre>
{
    public void Configure(EntityTypeBuilder<Genre> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(60);
        builder.Property(g => g.Slug).HasMaxLength(60);
        builder.HasIndex(g => g.Slug).IsUnique();
    }
}

internal sealed class MoodConfiguration : IEntityTypeConfiguration<Mood>
{
    public void Configure(EntityTypeBuilder<Mood> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(60);
        builder.Property(m => m.Slug).HasMaxLength(60);
        builder.HasIndex(m => m.Slug).IsUnique();
    }
}

internal sealed class PlayConfiguration : IEntityTypeConfiguration<Play>
{
    public void Configure(EntityTypeBuilder<Play> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<Track>().WithMany().HasForeignKey(p => p.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SelahUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.UserId, p.LastEventAt }); // "recently played"
        builder.HasIndex(p => new { p.TrackId, p.StartedAt }); // analytics per track
    }
}
