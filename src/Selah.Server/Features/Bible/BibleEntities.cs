using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Bible;

namespace Selah.Server.Infrastructure.Data
{
    public abstract partial class SelahDbContext
    {
        public DbSet<BibleTranslation> BibleTranslations => Set<BibleTranslation>();
        public DbSet<BibleVerse> BibleVerses => Set<BibleVerse>();
        public DbSet<BibleHighlight> BibleHighlights => Set<BibleHighlight>();
        public DbSet<BibleBookmark> BibleBookmarks => Set<BibleBookmark>();
        public DbSet<BibleNote> BibleNotes => Set<BibleNote>();
    }
}

namespace Selah.Server.Features.Bible
{
    /// <summary>An imported translation (<c>kjv</c>, <c>web</c>, <c>sparv</c>). The row is written last, so its presence means the import finished.</summary>
    public sealed class BibleTranslation
    {
        public required string Id { get; set; }
        public required string Name { get; set; }
        public required string Abbreviation { get; set; }
        public required string Language { get; set; }
        public required string Module { get; set; }
        public string? ModuleVersion { get; set; }
        public int VerseCount { get; set; }
        public DateTimeOffset ImportedAt { get; set; }
    }

    /// <summary>
    /// One verse of one translation. <see cref="Text"/> is plain text (search, sharing); <see cref="Markup"/> is the safe styled
    /// form (see <see cref="VerseMarkup"/>), null when the verse has no styled runs; <see cref="Headings"/> are the headings shown
    /// before the verse, separated by newlines. The full-text index (FTS5 table / tsvector column) is created by raw SQL in the
    /// migrations, outside the EF model.
    /// </summary>
    public sealed class BibleVerse
    {
        public long Id { get; set; }
        public required string TranslationId { get; set; }
        public int Book { get; set; }
        public int Chapter { get; set; }
        public int Verse { get; set; }
        public required string Text { get; set; }
        public string? Markup { get; set; }
        public string? Headings { get; set; }
        public bool Paragraph { get; set; }
    }

    /// <summary>A user's highlight of one verse (independent of translation).</summary>
    public sealed class BibleHighlight
    {
        public Guid Id { get; set; }
        public Guid UserId { get; set; }
        public int Book { get; set; }
        public int Chapter { get; set; }
        public int Verse { get; set; }
        public required string Color { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    /// <summary>A user's bookmark of one verse, remembering the translation it was read in.</summary>
    public sealed class BibleBookmark
    {
        public Guid Id { get; set; }
        public Guid UserId { get; set; }
        public int Book { get; set; }
        public int Chapter { get; set; }
        public int Verse { get; set; }
        public string? TranslationId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    /// <summary>A user's private note on a verse.</summary>
    public sealed class BibleNote
    {
        public Guid Id { get; set; }
        public Guid UserId { get; set; }
        public int Book { get; set; }
        public int Chapter { get; set; }
        public int Verse { get; set; }
        public required string Text { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    internal sealed class BibleTranslationConfiguration : IEntityTypeConfiguration<BibleTranslation>
    {
        public void Configure(EntityTypeBuilder<BibleTranslation> builder)
        {
            builder.HasKey(t => t.Id);
            builder.Property(t => t.Id).HasMaxLength(16);
            builder.Property(t => t.Name).HasMaxLength(120);
            builder.Property(t => t.Abbreviation).HasMaxLength(16);
            builder.Property(t => t.Language).HasMaxLength(16);
            builder.Property(t => t.Module).HasMaxLength(64);
            builder.Property(t => t.ModuleVersion).HasMaxLength(32);
        }
    }

    internal sealed class BibleVerseConfiguration : IEntityTypeConfiguration<BibleVerse>
    {
        public void Configure(EntityTypeBuilder<BibleVerse> builder)
        {
            builder.HasKey(v => v.Id);
            builder.Property(v => v.Id).ValueGeneratedOnAdd();
            builder.Property(v => v.TranslationId).HasMaxLength(16);
            // No length caps: module entries are the source's own text (some verses with their notes run past 4,000
            // characters), and PostgreSQL would refuse the import rather than truncate.
            builder.HasIndex(v => new { v.TranslationId, v.Book, v.Chapter, v.Verse }).IsUnique();
        }
    }

    internal sealed class BibleHighlightConfiguration : IEntityTypeConfiguration<BibleHighlight>
    {
        public void Configure(EntityTypeBuilder<BibleHighlight> builder)
        {
            builder.HasKey(h => h.Id);
            builder.Property(h => h.Color).HasMaxLength(16);
            builder.HasIndex(h => new { h.UserId, h.Book, h.Chapter, h.Verse }).IsUnique();
            builder.HasOne<SelahUser>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    internal sealed class BibleBookmarkConfiguration : IEntityTypeConfiguration<BibleBookmark>
    {
        public void Configure(EntityTypeBuilder<BibleBookmark> builder)
        {
            builder.HasKey(b => b.Id);
            builder.Property(b => b.TranslationId).HasMaxLength(16);
            builder.HasIndex(b => new { b.UserId, b.Book, b.Chapter, b.Verse }).IsUnique();
            builder.HasOne<SelahUser>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    internal sealed class BibleNoteConfiguration : IEntityTypeConfiguration<BibleNote>
    {
        public void Configure(EntityTypeBuilder<BibleNote> builder)
        {
            builder.HasKey(n => n.Id);
            builder.Property(n => n.Text).HasMaxLength(4000);
            builder.HasIndex(n => new { n.UserId, n.Book, n.Chapter, n.Verse });
            builder.HasOne<SelahUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
