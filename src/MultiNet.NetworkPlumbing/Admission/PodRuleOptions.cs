namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>The cluster settings the pod rules depend on (the plugin's <c>namespaceIsolation</c>, <c>globalNamespaces</c>, ...).</summary>
public sealed record PodRuleOptions
{
    /// <summary><c>namespaceIsolation</c>: a pod may use networks of its own namespace and of <see cref="GlobalNamespaces"/> only.</summary>
    public bool NamespaceIsolation { get; init; }

    /// <summary><c>globalNamespaces</c>: namespaces whose networks every pod may use (default <c>default</c>).</summary>
    public IReadOnlyList<string> GlobalNamespaces { get; init; } = ["default"];

    /// <summary><c>multusNamespace</c>: where the default-network override annotation looks for a NAD without a namespace.</summary>
    public string DefaultNetworkNamespace { get; init; } = "kube-system";

    /// <summary>The interface the runtime gives the cluster network (CNI_IFNAME; <c>eth0</c> with every Kubernetes runtime).</summary>
    public string ClusterInterfaceName { get; init; } = "eth0";
}
