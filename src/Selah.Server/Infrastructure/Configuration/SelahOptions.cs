using System.ComponentModel.DataAnnotations;

namespace Selah.Server.Infrastructure.Configuration;

/// <summary>Root settings (<c>Selah:*</c>).</summary>
public sealed class SelahOptions
{
    public const string Section = "Selah";

    /// <summary>Where the SQLite file, local media, mail pickup and keys live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Selah:Database:*</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Selah:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up (default true: the embedded mode needs no separate step).</summary>
    public bool AutoMigrate { get; set; } = true;
}

/// <summary><c>Selah:Admin:*</c>: the bootstrap administrator created or updated at start-up.</summary>
public sealed class AdminOptions
{
    public const string Section = "Selah:Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
    public string DisplayName { get; set; } = "Administrator";
}

/// <summary><c>Selah:Demo:*</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Selah:Demo";

    public bool Enabled { get; set; }
}
