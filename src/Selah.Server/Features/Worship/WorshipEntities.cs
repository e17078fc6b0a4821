using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Worship;

namespace Selah.Server.Infrastructure.Data
{
    public abstract partial class SelahDbContext
    {
        public DbSet<Song> Songs => Set<Song>();
        public DbSet<SongArrangement> SongArrangements => Set<SongArrangement>();
        public DbSet<SongTrack> SongTracks => Set<SongTrack>();
        public DbSet<SetList> SetLists => Set<SetList>();
        public DbSet<SetListItem> SetListItems => Set<SetListItem>();
        public DbSet<SetListMember> SetListMembers => Set<SetListMember>();
    }
}

namespace Selah.Server.Features.Worship
{
    /// <summary>A song: its words' metadata; chord sheets live in its arrangements.</summary>
    public sealed class Song
    {
        public Guid Id { get; set; }
        public required string Title { get; set; }

        /// <summary>Upper-cased title and authors, for case-insensitive search on both providers.</summary>
        public string SearchText { get; set; } = "";
        public List<string> Authors { get; set; } = [];
        public string? Copyright { get; set; }
        public string? CcliNumber { get; set; }
        public List<string> Themes { get; set; } = [];
        public List<string> ScriptureReferences { get; set; } = [];
        /// <summary>Null once the account that created it is deleted (the song stays).</summary>
        public Guid? CreatedById { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public List<SongArrangement> Arrangements { get; set; } = [];
        public List<SongTrack> Tracks { get; set; } = [];
    }

    /// <summary>One way of playing a song: a ChordPro sheet in a key, tempo, time signature and section order.</summary>
    public sealed class SongArrangement
    {
        public Guid Id { get; set; }
        public Guid SongId { get; set; }
        public Song? Song { get; set; }
        public required string Name { get; set; }
        public required string ChordPro { get; set; }
        public string? Key { get; set; }
        public int? Tempo { get; set; }
        public string? TimeSignature { get; set; }
        public List<string> Sequence { get; set; } = [];
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    /// <summary>A catalogue track that is a recording of the song.</summary>
    public sealed class SongTrack
    {
        public Guid SongId { get; set; }
        public Guid TrackId { get; set; }
        public Track? Track { get; set; }
    }

    /// <summary>A service plan: songs in chosen keys and free items, with a team. The owner edits; the team reads.</summary>
    public sealed class SetList
    {
        public Guid Id { get; set; }
        public Guid OwnerId { get; set; }
        public required string Title { get; set; }
        public DateTimeOffset StartsAt { get; set; }
        public string? Notes { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public List<SetListItem> Items { get; set; } = [];
        public List<SetListMember> Members { get; set; } = [];
    }

    public sealed class SetListItem
    {
        public Guid Id { get; set; }
        public Guid SetListId { get; set; }
        public int Position { get; set; }
        public Guid? SongId { get; set; }
        public Song? Song { get; set; }
        public Guid? ArrangementId { get; set; }
        public SongArrangement? Arrangement { get; set; }
        public string? Key { get; set; }

        /// <summary>A free item's title, or the song's title when it was added (kept if the song is deleted).</summary>
        public required string Title { get; set; }
        public string? Notes { get; set; }
    }

    public sealed class SetListMember
    {
        public Guid SetListId { get; set; }
        public Guid UserId { get; set; }
        public required string Role { get; set; }
    }

    internal sealed class SongConfiguration : IEntityTypeConfiguration<Song>
    {
        public void Configure(EntityTypeBuilder<Song> builder)
        {
            builder.HasKey(s => s.Id);
            builder.Property(s => s.Title).HasMaxLength(200);
            builder.Property(s => s.SearchText).HasMaxLength(2000);
            builder.Property(s => s.Copyright).HasMaxLength(300);
            builder.Property(s => s.CcliNumber).HasMaxLength(10);
            builder.HasIndex(s => new { s.Title, s.Id });
            builder.HasOne<SelahUser>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.SetNull);
            builder.HasMany(s => s.Arrangements).WithOne(a => a.Song).HasForeignKey(a => a.SongId).OnDelete(DeleteBehavior.Cascade);
            builder.HasMany(s => s.Tracks).WithOne().HasForeignKey(t => t.SongId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    internal sealed class SongArrangementConfiguration : IEntityTypeConfiguration<SongArrangement>
    {
        public void Configure(EntityTypeBuilder<SongArrangement> builder)
        {
            builder.HasKey(a => a.Id);
            builder.Property(a => a.Name).HasMaxLength(100);
            builder.Property(a => a.ChordPro).HasMaxLength(Selah.Contracts.Worship.WorshipLimits.ChordProMaxLength);
            builder.Property(a => a.Key).HasMaxLength(8);
            builder.Property(a => a.TimeSignature).HasMaxLength(8);
        }
    }

    internal sealed class SongTrackConfiguration : IEntityTypeConfiguration<SongTrack>
    {
        public void Configure(EntityTypeBuilder<SongTrack> builder)
        {
            builder.HasKey(t => new { t.SongId, t.TrackId });
            builder.HasOne(t => t.Track).WithMany().HasForeignKey(t => t.TrackId).OnDelete(DeleteBehavior.Cascade);
            builder.HasIndex(t => t.TrackId);
        }
    }

    internal sealed class SetListConfiguration : IEntityTypeConfiguration<SetList>
    {
        public void Configure(EntityTypeBuilder<SetList> builder)
        {
            builder.HasKey(s => s.Id);
            builder.Property(s => s.Title).HasMaxLength(200);
            builder.Property(s => s.Notes).HasMaxLength(4000);
            builder.HasIndex(s => new { s.OwnerId, s.StartsAt });
            builder.HasOne<SelahUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
            builder.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.SetListId).OnDelete(DeleteBehavior.Cascade);
            builder.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.SetListId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    internal sealed class SetListItemConfiguration : IEntityTypeConfiguration<SetListItem>
    {
        public void Configure(EntityTypeBuilder<SetListItem> builder)
        {
            builder.HasKey(i => i.Id);
            builder.Property(i => i.Title).HasMaxLength(200);
            builder.Property(i => i.Notes).HasMaxLength(2000);
            builder.Property(i => i.Key).HasMaxLength(8);
            builder.HasIndex(i => new { i.SetListId, i.Position });
            builder.HasOne(i => i.Song).WithMany().HasForeignKey(i => i.SongId).OnDelete(DeleteBehavior.SetNull);
            builder.HasOne(i => i.Arrangement).WithMany().HasForeignKey(i => i.ArrangementId).OnDelete(DeleteBehavior.SetNull);
        }
    }

    internal sealed class SetListMemberConfiguration : IEntityTypeConfiguration<SetListMember>
    {
        public void Configure(EntityTypeBuilder<SetListMember> builder)
        {
            builder.HasKey(m => new { m.SetListId, m.UserId });
            builder.Property(m => m.Role).HasMaxLength(60);
            builder.HasIndex(m => m.UserId);
            builder.HasOne<SelahUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
