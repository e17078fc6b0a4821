using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Selah.Tests.Testing;

/// <summary>
/// The server on a fresh database (a temp SQLite file, or a new PostgreSQL database when <c>SELAH_TEST_PROVIDER=Postgres</c>),
/// a temp data directory (mail pickup, media), a bootstrap admin, generous rate limits and a controllable clock.
/// One instance per test class (<c>IClassFixture</c>); subclasses change settings through <see cref="ConfigureSettings"/>.
/// </summary>
public class SelahFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@selah-tests.example.com";
    public const string AdminPassword = "Tabernacle-Admin-Pass-42";

    public static readonly IReadOnlyList<string> RateLimitPolicies = ["register", "login", "verify", "resend", "forgot", "refresh", "twofactor", "community-posts", "community-comments", "community-chat"];

    private PostgresTestDatabase? _database;

    public SelahFactory()
    {
        DataDirectory = Directory.CreateTempSubdirectory("selah-tests-").FullName;
        Mail = new MailPickup(Path.Combine(DataDirectory, "mail"));
    }

    public TestClock Clock { get; } = new();

    public string DataDirectory { get; }

    /// <summary>Mail the server wrote to <c>&lt;DataDirectory&gt;/mail</c> (no SMTP configured).</summary>
    public MailPickup Mail { get; }

    public TestDatabaseProvider Provider { get; } = TestEnvironment.Provider;

    /// <summary>Override to add or change configuration (keys as in appsettings, e.g. <c>Selah:RateLimits:Policies:login:PerIp</c>).</summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Selah:DataDirectory"] = DataDirectory,
            ["Selah:Admin:Email"] = AdminEmail,
            ["Selah:Admin:Password"] = AdminPassword,
            ["Selah:Demo:Enabled"] = "false",
        };
        foreach (var policy in RateLimitPolicies)
        {
            settings[$"Selah:RateLimits:Policies:{policy}:PerIp"] = "10000";
            settings[$"Selah:RateLimits:Policies:{policy}:PerAccount"] = "10000";
            settings[$"Selah:RateLimits:Policies:{policy}:WindowSeconds"] = "60";
        }

        if (Provider == TestDatabaseProvider.Postgres)
        {
            _database ??= PostgresTestDatabase.Create();
            settings["Selah:Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Selah"] = _database.ConnectionString;
        }
        else
        {
            settings["Selah:Database:Provider"] = "Sqlite";
        }

        ConfigureSettings(settings);

        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background task; the OS temp cleaner gets it.
        }

        GC.SuppressFinalize(this);
    }
}
