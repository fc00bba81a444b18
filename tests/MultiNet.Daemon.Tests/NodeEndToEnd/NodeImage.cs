using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.NodeEndToEnd;

/// <summary>
/// The image the node test runs: <c>$MULTINET_IMAGE</c> when set, else built here from the binaries ./build.sh published
/// (./test.sh ran it) with <c>scripts/build-image.sh</c> — the second half of <c>./build.sh --image</c> — whose last line
/// is the image reference.
/// </summary>
internal static class NodeImage
{
    private static readonly Lazy<string> s_reference = new(Build);

    public static string Reference => s_reference.Value;

    private static string Build()
    {
        if (Environment.GetEnvironmentVariable("MULTINET_IMAGE") is { Length: > 0 } given)
        {
            return given;
        }

        var (code, stdout, stderr) = Shell.Run(Path.Combine(RepoLayout.Root, "scripts", "build-image.sh"));
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return code == 0 && last is not null
            ? last
            : throw new InvalidOperationException($"scripts/build-image.sh failed ({code}):\n{stdout}\n{stderr}");
    }
}
