namespace MultiNet.Benchmarks;

/// <summary>One ADD + DEL of the pod by one side: the two durations and, for multinet, its API requests and sampled peak RSS.</summary>
internal sealed record RoundOutcome(TimeSpan Add, TimeSpan Del)
{
    public ApiRequestCounts? AddRequests { get; init; }
    public ApiRequestCounts? DelRequests { get; init; }
    public long? AddPeakRssKib { get; init; }
    public long? DelPeakRssKib { get; init; }
}
