namespace MultiNet.Attachments.Configuration;

/// <summary>What ADD prints for the runtime.</summary>
public enum ResultMode
{
    /// <summary>The cluster network's result only (what Multus does; runtimes take the pod IP from it).</summary>
    ClusterNetwork,
    /// <summary>Every attachment's interfaces and IPs, the cluster network's first, interface indexes rewritten.</summary>
    Merged,
}
