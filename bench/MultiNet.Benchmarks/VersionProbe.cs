namespace MultiNet.Benchmarks;

/// <summary>Start-up cost: whole process runs of <c>CNI_COMMAND=VERSION</c>, multinet and a reference plugin interleaved.</summary>
internal static class VersionProbe
{
    public const string ReferencePlugin = "/usr/lib/cni/bridge";

    // The floor: what starting any process and collecting its output costs through System.Diagnostics.Process here.
    public const string Floor = "/bin/true";
    private const int Warmups = 3;

    public static async Task MeasureAsync(string multinet, int runs, BenchmarkResults results)
    {
        for (var i = 0; i < Warmups + runs; i++)
        {
            var ours = await OnceAsync(multinet);
            var theirs = await OnceAsync(ReferencePlugin);
            var floor = await OnceAsync(Floor);
            if (i >= Warmups)
            {
                results.MultinetVersion.Add(ours);
                results.BridgeVersion.Add(theirs);
                results.ProcessFloor.Add(floor);
            }
        }
    }

    private static async Task<TimeSpan> OnceAsync(string binary)
    {
        var outcome = await TimedProcess.RunAsync(binary, new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, """{"cniVersion":"1.0.0"}""");
        var ok = outcome.ExitCode == 0 && (binary == Floor || outcome.Stdout.Contains("supportedVersions", StringComparison.Ordinal));
        return ok ? outcome.Elapsed : throw new BenchmarkFailedException($"{binary} VERSION failed: {outcome.Failure}");
    }
}
