namespace Selah.E2E.Infrastructure;

/// <summary>Locations in the repository the end-to-end tests need (server build output, artifacts, Node tools).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    /// <summary>The server assembly: <c>SELAH_E2E_SERVER_DLL</c>, else the Release (then Debug) build output in the repo.</summary>
    public static string ServerDll
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("SELAH_E2E_SERVER_DLL");
            if (!string.IsNullOrWhiteSpace(fromEnv))
            {
                return Path.GetFullPath(fromEnv);
            }

            string[] candidates =
            [
                Path.Combine(RepoRoot, "src", "Selah.Server", "bin", "Release", "net10.0", "Selah.Server.dll"),
                Path.Combine(RepoRoot, "src", "Selah.Server", "bin", "Debug", "net10.0", "Selah.Server.dll"),
            ];
            return candidates.FirstOrDefault(File.Exists) ?? candidates[0];
        }
    }

    /// <summary>Where screenshots and server logs go: <c>SELAH_E2E_ARTIFACTS</c>, else <c>&lt;repo&gt;/artifacts/e2e</c>.</summary>
    public static string ArtifactsDir
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("SELAH_E2E_ARTIFACTS");
            var dir = string.IsNullOrWhiteSpace(fromEnv) ? Path.Combine(RepoRoot, "artifacts", "e2e") : Path.GetFullPath(fromEnv);
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>The Node tools folder (axe-core, OpenAPI validator): <c>SELAH_TOOLS_DIR</c>, else <c>&lt;repo&gt;/tests/tools</c>.</summary>
    public static string ToolsDir
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("SELAH_TOOLS_DIR");
            return string.IsNullOrWhiteSpace(fromEnv) ? Path.Combine(RepoRoot, "tests", "tools") : Path.GetFullPath(fromEnv);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Selah.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Selah.slnx not found above {AppContext.BaseDirectory}; cannot locate the repository root.");
    }
}
