namespace MultiNet.Controller.Configuration;

/// <summary>The Lease that picks the one replica writing Events and certificates (client-go's defaults for the timing).</summary>
internal sealed record LeaderElectionOptions
{
    /// <summary>False: this process always leads (a single controller outside a cluster) (<c>--leader-elect</c>).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The Lease in the controller's namespace (<c>--lease-name</c>).</summary>
    public string LeaseName { get; init; } = "multinet-controller";

    /// <summary>This replica's name in the Lease: the pod name plus a random suffix, unique per process.</summary>
    public string Identity { get; init; } = $"{Environment.GetEnvironmentVariable("HOSTNAME") ?? "multinet-controller"}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How long others wait after the last renewal seen before taking the Lease over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it stops leading.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the Lease is renewed or tried.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
