using k8s;

namespace MultiNet.Kubernetes.Api;

/// <summary>A client for a person's tool (<c>multinetctl status</c>): the kubeconfig's namespace and a bounded wait.</summary>
public sealed class ClusterConnection : IDisposable
{
    private ClusterConnection(IKubernetes client, string? contextNamespace)
    {
        Client = client;
        ContextNamespace = contextNamespace;
    }

    /// <summary>The client.</summary>
    public IKubernetes Client { get; }

    /// <summary>The namespace the kubeconfig's current context names (what kubectl uses without <c>-n</c>), or null.</summary>
    public string? ContextNamespace { get; }

    /// <summary>
    /// Connects as <see cref="KubernetesApiAccess.CreateClient"/> does; each request gives up after <paramref name="timeout"/>.
    /// Throws <c>CniException</c> (InvalidConfig) naming the kubeconfig when it cannot be used.
    /// </summary>
    public static ClusterConnection Open(string? kubeconfigPath, TimeSpan timeout)
    {
        var configuration = KubeconfigLoader.Load(kubeconfigPath);
        configuration.HttpClientTimeout = timeout;
        return new ClusterConnection(new k8s.Kubernetes(configuration), string.IsNullOrEmpty(configuration.Namespace) ? null : configuration.Namespace);
    }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
