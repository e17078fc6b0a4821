namespace Selah.Tests.Testing;

/// <summary>
/// A server on a database and data directory that outlive it, so a test can stop one server (as a crash or restart
/// would) and start another on the same state. <see cref="SharedStore"/> owns and removes them.
/// </summary>
public sealed class SharedStoreFactory(SharedStore store) : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:DataDirectory"] = store.DataDirectory;
        if (store.Database is { } database)
        {
            settings["ConnectionStrings:Selah"] = database.ConnectionString;
        }
    }
}

/// <summary>The state several <see cref="SharedStoreFactory"/> instances share: a data directory and, on PostgreSQL, a database.</summary>
public sealed class SharedStore : IAsyncDisposable
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("selah-shared-").FullName;

    public PostgresTestDatabase? Database { get; } = TestEnvironment.Provider == TestDatabaseProvider.Postgres ? PostgresTestDatabase.Create() : null;

    public async ValueTask DisposeAsync()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a stopping process; the OS temp cleaner gets it
        }
    }
}
