namespace MultiNet.Cli.Explain;

/// <summary>What happens to the pod's default route of one IP family.</summary>
/// <param name="Family">IPv4 or IPv6.</param>
/// <param name="Gateway">The gateway when a selection takes the route, else null (the cluster network's delegates decide).</param>
/// <param name="Interface">The interface that gets it.</param>
/// <param name="Network">The network whose selection asked.</param>
/// <param name="Overridden">Earlier selections that asked too and lose (the last one applied wins).</param>
internal sealed record RouteDecision(string Family, string? Gateway, string? Interface, string? Network, IReadOnlyList<string> Overridden);
