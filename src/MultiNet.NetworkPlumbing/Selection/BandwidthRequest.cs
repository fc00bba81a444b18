namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>A selection element's <c>bandwidth</c> (the CNI <c>bandwidth</c> capability): rates in bits/s, bursts in bits.</summary>
public sealed record BandwidthRequest
{
    /// <summary><c>ingressRate</c>.</summary>
    public long? IngressRate { get; init; }

    /// <summary><c>ingressBurst</c>.</summary>
    public long? IngressBurst { get; init; }

    /// <summary><c>egressRate</c>.</summary>
    public long? EgressRate { get; init; }

    /// <summary><c>egressBurst</c>.</summary>
    public long? EgressBurst { get; init; }
}
