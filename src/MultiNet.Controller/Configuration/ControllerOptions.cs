using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Configuration;

/// <summary>multinet-controller's settings, from the command line and <c>MULTINET_CONTROLLER_*</c> environment variables.</summary>
internal sealed record ControllerOptions
{
    /// <summary>PEM certificate served over TLS (<c>--tls-cert-file</c>); reloaded when the file changes.</summary>
    public required string CertificateFile { get; init; }

    /// <summary>PEM private key of the certificate (<c>--tls-private-key-file</c>).</summary>
    public required string PrivateKeyFile { get; init; }

    /// <summary>Address to listen on (<c>--bind-address</c>, default all IPv4 and IPv6 addresses).</summary>
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>HTTPS port (<c>--port</c>, default 8443; 0 picks a free one).</summary>
    public int Port { get; init; } = 8443;

    /// <summary>kubeconfig path (<c>--kubeconfig</c>); empty means in-cluster, then $KUBECONFIG, then ~/.kube/config.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The plugin settings the pod rules depend on (<c>--namespace-isolation</c>, <c>--global-namespaces</c>, ...).</summary>
    public PodRuleOptions Rules { get; init; } = new();

    /// <summary>How many pods a "NAD in use" denial lists before "and N more" (<c>--max-listed-pods</c>).</summary>
    public int MaxListedPods { get; init; } = 10;

    /// <summary>How often the certificate files are checked for a change (<c>--cert-check-interval</c>, seconds).</summary>
    public TimeSpan CertificateCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether to emit Warning Events on pods whose networks are missing or invalid (<c>--pod-events</c>).</summary>
    public bool PodEvents { get; init; } = true;

    /// <summary>How long a NAD lookup that misses the cache may ask the API (the webhook's own timeout is longer).</summary>
    public TimeSpan LookupTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
