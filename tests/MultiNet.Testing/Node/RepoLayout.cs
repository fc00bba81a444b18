namespace MultiNet.Testing.Node;

/// <summary>Where the repository and the published executables are, found from the test assembly's location.</summary>
public static class RepoLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>artifacts/bin, where ./build.sh publishes (override with MULTINET_BIN_DIR).</summary>
    public static string BinDir => Environment.GetEnvironmentVariable("MULTINET_BIN_DIR") ?? Path.Combine(Root, "artifacts", "bin");

    public static string Plugin => RequireFile(Path.Combine(BinDir, "multinet"));

    public static string Cli => RequireFile(Path.Combine(BinDir, "multinetctl"));

    public static string Daemon => RequireFile(Path.Combine(BinDir, "multinetd"));

    public static string Controller => RequireFile(Path.Combine(BinDir, "multinet-controller"));

    public static string Examples => Path.Combine(Root, "examples");

    public const string ReferencePlugins = "/usr/lib/cni";

    private static string RequireFile(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"{path} does not exist: run ./build.sh first (./test.sh does)");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MultiNet.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MultiNet.sln not found above " + AppContext.BaseDirectory);
    }
}
