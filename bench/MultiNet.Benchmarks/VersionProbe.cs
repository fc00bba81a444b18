namespace MultiNet.Benchmarks;

/// <summary>Start-up cost: whole process runs of <c>CNI_COMMAND=VERSION</c>, multinet and a reference plugin interleaved.</summary>
internal static class VersionProbe
{
    public const string ReferencePlugin = "/usr/lib/cni/bridge";
    private const int Warmups = 3;

    public static async Task MeasureAsync(string multinet, int runs, Samples multinetSamples, Samples referenceSamples)
    {
        for (var i = 0; i < Warmups + runs; i++)
        {
            var ours = await OnceAsync(multinet);
            var theirs = await OnceAsync(ReferencePlugin);
            if (i >= Warmups)
            {
                multinetSamples.Add(ours);
                referenceSamples.Add(theirs);
            }
        }
    }

    private static async Task<TimeSpan> OnceAsync(string binary)
    {
        var outcome = await TimedProcess.RunAsync(binary, new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, """{"cniVersion":"1.0.0"}""");
        return outcome.ExitCode == 0 && outcome.Stdout.Contains("supportedVersions", StringComparison.Ordinal)
            ? outcome.Elapsed
            : throw new BenchmarkFailedException($"{binary} VERSION failed: {outcome.Failure}");
    }
}
