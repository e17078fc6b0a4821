using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Contracts.Media;
using Selah.Server.Features.Catalog;

namespace Selah.Server.Features.Media.Import
{
    /// <summary>One bulk import (an uploaded zip or a server folder) with its running totals.</summary>
    public sealed class ImportBatch
    {
        public Guid Id { get; set; } = Guid.CreateVersion7();
        public ImportKind Kind { get; set; }
        /// <summary>The folder path, or the uploaded zip's file name.</summary>
        public required string Source { get; set; }
        /// <summary>For a zip: where the upload is kept (under the data directory) until the import finishes.</summary>
        public string? ArchivePath { get; set; }
        public ImportStatus Status { get; set; } = ImportStatus.Queued;
        public bool CancelRequested { get; set; }
        public string? Error { get; set; }
        public Guid StartedById { get; set; }
        public int FilesFound { get; set; }
        public int Imported { get; set; }
        public int Duplicates { get; set; }
        public int Skipped { get; set; }
        public int Failed { get; set; }
        /// <summary>Bytes actually decompressed from the archive so far (the zip-bomb total cap counts these, never the headers).</summary>
        public long BytesExtracted { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
    }

    /// <summary>What happened to one file of an import; (import, path) is unique, which makes a resumed import skip what is done.</summary>
    public sealed class ImportItem
    {
        public Guid Id { get; set; } = Guid.CreateVersion7();
        public Guid ImportId { get; set; }
        public required string Path { get; set; }
        public ImportOutcome Outcome { get; set; }
        public string? Reason { get; set; }
        public Guid? TrackId { get; set; }
        public Guid? DuplicateOfTrackId { get; set; }
    }

    /// <summary>
    /// A track's audio fingerprint: SHA-256 of the audio payload with every tag block left out (ID3v1/v2 and APE tags of MP3,
    /// FLAC metadata blocks, Ogg header packets, MP4 <c>moov</c>, WAV chunks other than <c>data</c>), so a re-tagged copy
    /// of the same file is recognised. Filled by imports and, for tracks uploaded otherwise, on the next import's start.
    /// </summary>
    public sealed class TrackFingerprint
    {
        public Guid TrackId { get; set; }
        public required string AudioHash { get; set; }
    }

    internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
    {
        public void Configure(EntityTypeBuilder<ImportBatch> builder)
        {
            builder.HasKey(b => b.Id);
            builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
            builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
            builder.Property(b => b.Source).HasMaxLength(4096);
            builder.Property(b => b.ArchivePath).HasMaxLength(4096);
            builder.Property(b => b.Error).HasMaxLength(2000);
            builder.HasIndex(b => b.Status);
        }
    }

    internal sealed class ImportItemConfiguration : IEntityTypeConfiguration<ImportItem>
    {
        public void Configure(EntityTypeBuilder<ImportItem> builder)
        {
            builder.HasKey(i => i.Id);
            builder.Property(i => i.Path).HasMaxLength(1024);
            builder.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
            builder.Property(i => i.Reason).HasMaxLength(500);
            builder.HasIndex(i => new { i.ImportId, i.Path }).IsUnique();
            builder.HasIndex(i => new { i.ImportId, i.Outcome, i.Id });
            builder.HasOne<ImportBatch>().WithMany().HasForeignKey(i => i.ImportId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    internal sealed class TrackFingerprintConfiguration : IEntityTypeConfiguration<TrackFingerprint>
    {
        public void Configure(EntityTypeBuilder<TrackFingerprint> builder)
        {
            builder.HasKey(f => f.TrackId);
            builder.Property(f => f.AudioHash).HasMaxLength(80);
            builder.HasIndex(f => f.AudioHash);
            builder.HasOne<Track>().WithOne().HasForeignKey<TrackFingerprint>(f => f.TrackId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

namespace Selah.Server.Infrastructure.Data
{
    using Selah.Server.Features.Media.Import;

    public abstract partial class SelahDbContext
    {
        public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
        public DbSet<ImportItem> ImportItems => Set<ImportItem>();
        public DbSet<TrackFingerprint> TrackFingerprints => Set<TrackFingerprint>();
    }
}
