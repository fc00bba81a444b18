namespace MultiNet.Testing.Node;

/// <summary>
/// The image <c>scripts/build-image.sh</c> builds offline from the published binaries (what <c>./build.sh --image</c>
/// does after building), once per test process; and <c>podman run</c> with the flags this machine needs.
/// </summary>
public static class LocalImage
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The image reference, <c>localhost/multinet:&lt;version&gt;</c>, built on first use.</summary>
    public static string Reference => Built.Value;

    /// <summary>
    /// The options every <c>podman run</c> needs here: runc (crun fails on this machine's hybrid cgroup layout) and
    /// rlimits within the hard limits (the sandbox lacks CAP_SYS_RESOURCE).
    /// </summary>
    public static IReadOnlyList<string> RunOptions { get; } =
        ["--runtime", "/usr/sbin/runc", "--ulimit", "nofile=1024:20000", "--ulimit", "nproc=1024:4096"];

    /// <summary>
    /// <c>podman run --rm</c> of <paramref name="command"/> in the image as a container named <c>mn-…</c>, removed
    /// afterwards even when the run fails or hangs.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyList<string> podmanOptions, params string[] command)
    {
        var name = $"mn-image-{Guid.NewGuid():N}"[..24];
        try
        {
            return Shell.Run("podman", ["run", "--rm", "--name", name, .. RunOptions, .. podmanOptions, Reference, .. command]);
        }
        finally
        {
            Shell.Run("podman", "rm", "--force", "--ignore", name);
        }
    }

    private static string Build()
    {
        var (code, stdout, stderr) = Shell.Run(Path.Combine(RepoLayout.Root, "scripts", "build-image.sh"));
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/build-image.sh failed ({code}): {stderr}");
        }

        return stdout.TrimEnd('\n').Split('\n')[^1];
    }
}
