namespace MultiNet.Cni.Results;

/// <summary>The <c>dns</c> object.</summary>
public sealed record ResultDns
{
    /// <summary>Name servers.</summary>
    public IReadOnlyList<string> Nameservers { get; init; } = [];
    /// <summary>Domain.</summary>
    public string? Domain { get; init; }
    /// <summary>Search domains.</summary>
    public IReadOnlyList<string> Search { get; init; } = [];
    /// <summary>Resolver options.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}
