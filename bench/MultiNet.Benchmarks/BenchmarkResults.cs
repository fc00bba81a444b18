namespace MultiNet.Benchmarks;

/// <summary>Everything one run measured, for the report.</summary>
internal sealed class BenchmarkResults
{
    public required MachineInfo Machine { get; init; }
    public required BenchmarkOptions Options { get; init; }
    public Samples DirectAdd { get; } = new();
    public Samples DirectDel { get; } = new();
    public Samples MultinetAdd { get; } = new();
    public Samples MultinetDel { get; } = new();
    public Samples MultinetVersion { get; } = new();
    public Samples BridgeVersion { get; } = new();
    public Samples ProcessFloor { get; } = new();
    public ApiTally AddRequests { get; } = new();
    public ApiTally DelRequests { get; } = new();

    /// <summary>Highest sampled VmHWM of the multinet process over the RSS runs (ADD), in KiB; null when not sampled.</summary>
    public long? MultinetAddPeakRssKib { get; set; }

    /// <summary>Same for DEL.</summary>
    public long? MultinetDelPeakRssKib { get; set; }

    /// <summary>The 1-minute load average when the measurements ended.</summary>
    public string LoadAfter { get; set; } = "";

    public double AddOverhead => MultinetAdd.Median - DirectAdd.Median;
    public double DelOverhead => MultinetDel.Median - DirectDel.Median;
}
