namespace MultiNet.Cni.Results;

/// <summary>An entry of <c>ips</c>.</summary>
public sealed record ResultIp
{
    /// <summary>Address in CIDR form.</summary>
    public required string Address { get; init; }
    /// <summary>Gateway, if any.</summary>
    public string? Gateway { get; init; }
    /// <summary>Index into <see cref="CniResult.Interfaces"/>, if any.</summary>
    public int? Interface { get; init; }
}
