namespace Selah.Tests.Testing;

public enum TestDatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>What the environment tells the suite: which database to run on and where PostgreSQL, Redis and tools are.</summary>
public static class TestEnvironment
{
    public const string DefaultPostgresAdmin = "Host=127.0.0.1;Port=55432;Username=selah;Password=selah;Database=postgres";

    public static TestDatabaseProvider Provider
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("SELAH_TEST_PROVIDER");
            if (string.IsNullOrWhiteSpace(value))
            {
                return TestDatabaseProvider.Sqlite;
            }

            return Enum.TryParse<TestDatabaseProvider>(value, ignoreCase: true, out var provider)
                ? provider
                : throw new InvalidOperationException($"SELAH_TEST_PROVIDER must be Sqlite or Postgres (was '{value}').");
        }
    }

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("SELAH_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultPostgresAdmin;

    public static string? Redis => Environment.GetEnvironmentVariable("SELAH_TEST_REDIS") is { Length: > 0 } value ? value : null;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ToolsDirectory =>
        Environment.GetEnvironmentVariable("SELAH_TOOLS_DIR") is { Length: > 0 } value
            ? value
            : Path.Combine(RepositoryRoot, "tests", "tools");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Selah.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Selah.slnx not found above {AppContext.BaseDirectory}.");
    }
}
