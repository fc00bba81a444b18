namespace MultiNet.NetworkPlumbing.Status;

/// <summary>The <c>dns</c> object of a network-status entry.</summary>
public sealed record NetworkStatusDns
{
    /// <summary>Name servers.</summary>
    public IReadOnlyList<string> Nameservers { get; init; } = [];

    /// <summary>Domain.</summary>
    public string? Domain { get; init; }

    /// <summary>Search domains.</summary>
    public IReadOnlyList<string> Search { get; init; } = [];

    /// <summary>Resolver options.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>True when no field carries anything.</summary>
    public bool IsEmpty => Nameservers.Count == 0 && string.IsNullOrEmpty(Domain) && Search.Count == 0 && Options.Count == 0;
}
