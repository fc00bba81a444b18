using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>
/// The published <c>multinet</c> binary, called the way a runtime calls it: one exec per ADD or DEL, for the whole pod;
/// thin mode or thick (shim to multinetd) as <paramref name="config"/> says.
/// </summary>
internal sealed class MultinetPlugin(BenchNode node, string binary, string config)
{
    public string Binary => binary;

    public Task<ProcessOutcome> RunAsync(string command, string containerId, string? netnsPath, bool samplePeakRss = false) =>
        TimedProcess.RunAsync(binary, node.Env(command, containerId, netnsPath), config, samplePeakRss);

    /// <summary>Finds artifacts/bin/multinet (or $MULTINET_BIN_DIR/multinet), which ./build.sh publishes.</summary>
    public static string Locate() => RepoLayout.Plugin;
}
