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

    /// <summary>Thick mode: the shim (<c>multinet</c> with daemonSocketDir) forwarding to multinetd.</summary>
    public Samples ThickAdd { get; } = new();
    public Samples ThickDel { get; } = new();
    public ApiTally ThickAddRequests { get; } = new();

    /// <summary>Mean time of a measured thick ADD inside multinetd (received to answered), and of its delegates, in ms.</summary>
    public double DaemonAddMs { get; set; }
    public double DaemonDelegatesMs { get; set; }

    /// <summary>Wall time of each 64-pod churn (ADD then DEL of every pod, all at once), in ms.</summary>
    public Samples ChurnDirect { get; } = new();
    public Samples ChurnThick { get; } = new();

    /// <summary>multinetd's highest VmRSS sampled (every ms) during the thick churns, KiB.</summary>
    public long DaemonChurnPeakRssKib { get; set; }

    /// <summary>multinetd's VmRSS read right after each thick churn, KiB.</summary>
    public List<long> DaemonAfterChurnRssKib { get; } = [];

    /// <summary>multinetd's VmRSS just after it became ready (a few objects cached), KiB.</summary>
    public long DaemonIdleRssKib { get; set; }

    /// <summary>multinetd's VmRSS at rest with 1,000 NADs and 250 pods cached, KiB.</summary>
    public long DaemonLoadedRssKib { get; set; }

    /// <summary>multinetd's VmHWM at the end of the run (its peak, the churn included), KiB.</summary>
    public long DaemonPeakRssKib { get; set; }

    /// <summary>Highest sampled VmHWM of the multinet process over the RSS runs (ADD), in KiB; null when not sampled.</summary>
    public long? MultinetAddPeakRssKib { get; set; }

    /// <summary>Same for DEL.</summary>
    public long? MultinetDelPeakRssKib { get; set; }

    /// <summary>The 1-minute load average when the measurements ended.</summary>
    public string LoadAfter { get; set; } = "";

    public double AddOverhead => MultinetAdd.Median - DirectAdd.Median;
    public double DelOverhead => MultinetDel.Median - DirectDel.Median;
    public double ThickAddOverhead => ThickAdd.Median - DirectAdd.Median;
    public double ThickDelOverhead => ThickDel.Median - DirectDel.Median;

    /// <summary>Thick churn throughput relative to direct (direct time / thick time).</summary>
    public double ChurnRatio => ChurnDirect.Median / ChurnThick.Median;
}
