namespace MultiNet.Daemon.Tests.NodeEndToEnd;

/// <summary>The node tests overlay the host's CNI folders at their real paths: one at a time.</summary>
[CollectionDefinition(nameof(NodeEndToEndCollection), DisableParallelization = true)]
public sealed class NodeEndToEndCollection;
