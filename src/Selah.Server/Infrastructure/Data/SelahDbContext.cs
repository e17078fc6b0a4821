using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Auditing;

namespace Selah.Server.Infrastructure.Data;

/// <summary>
/// The one database context. Each feature configures its own entities with <see cref="IEntityTypeConfiguration{T}"/>
/// next to them; provider specifics live in <see cref="SqliteSelahDbContext"/> and <see cref="PostgresSelahDbContext"/>,
/// which also own their migration sets. The class is partial so a feature can declare its <c>DbSet</c>s in its own
/// folder (<c>public abstract partial class SelahDbContext { public DbSet&lt;X&gt; Xs => Set&lt;X&gt;(); }</c>).
/// </summary>
public abstract partial class SelahDbContext(DbContextOptions options)
    : IdentityDbContext<SelahUser, SelahRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<EmailCode> EmailCodes => Set<EmailCode>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Artist> Artists => Set<Artist>();
    public DbSet<Album> Albums => Set<Album>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<Genre> Genres => Set<Genre>();
    public DbSet<Mood> Moods => Set<Mood>();
    public DbSet<Play> Plays => Set<Play>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SelahDbContext).Assembly);
    }
}

public sealed class SqliteSelahDbContext(DbContextOptions<SqliteSelahDbContext> options) : SelahDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store UTC ticks so keyset paging and expiry checks run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetTicksConverter>();
    }
}

public sealed class PostgresSelahDbContext(DbContextOptions<PostgresSelahDbContext> options) : SelahDbContext(options);

/// <summary>Named secrets the server generates once and shares across nodes (e.g. the JWT signing key).</summary>
public sealed class ServerSecret
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
