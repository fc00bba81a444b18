namespace MultiNet.Cni.Results;

/// <summary>
/// A CNI success result in the 1.x shape (the hub every version converts through).
/// <see cref="CniVersion"/> records the version it was produced in.
/// </summary>
public sealed record CniResult
{
    /// <summary>The version the result was produced in.</summary>
    public string CniVersion { get; init; } = "1.1.0";

    /// <summary>Interfaces created or touched.</summary>
    public IReadOnlyList<ResultInterface> Interfaces { get; init; } = [];

    /// <summary>IP configuration.</summary>
    public IReadOnlyList<ResultIp> Ips { get; init; } = [];

    /// <summary>Routes.</summary>
    public IReadOnlyList<ResultRoute> Routes { get; init; } = [];

    /// <summary>DNS settings, if any.</summary>
    public ResultDns? Dns { get; init; }
}
