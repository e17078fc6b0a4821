using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Selah.Server.Infrastructure.Data;

// Used only by `dotnet ef migrations add`; the running server configures the contexts in DataExtensions.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSelahDbContext>
{
    public SqliteSelahDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSelahDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSelahDbContext>
{
    public PostgresSelahDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSelahDbContext>().UseNpgsql("Host=localhost;Database=selah_design").Options);
}
