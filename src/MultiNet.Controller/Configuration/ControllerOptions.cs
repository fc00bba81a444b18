using MultiNet.Attachments.Logging;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Configuration;

/// <summary>multinet-controller's settings, from the command line and <c>MULTINET_CONTROLLER_*</c> environment variables.</summary>
internal sealed record ControllerOptions
{
    /// <summary>PEM certificate served over TLS (<c>--tls-cert-file</c>); reloaded when the file changes. Null: self-managed certificates.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>PEM private key of the certificate (<c>--tls-private-key-file</c>); set exactly when <see cref="CertificateFile"/> is.</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>True when no certificate files are given: the controller keeps its own CA and certificate in a Secret.</summary>
    public bool SelfManagedCertificates => CertificateFile is null;

    /// <summary>Self-managed certificates: the Secret, the webhook configuration, the Service names and validity.</summary>
    public SelfManagedCertificateOptions Certificates { get; init; } = new();

    /// <summary>Leader election: which replica writes Events and certificates.</summary>
    public LeaderElectionOptions LeaderElection { get; init; } = new();

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

    /// <summary>How often the certificate files, or the self-managed Secret, are checked for a change (<c>--cert-check-interval</c>, seconds).</summary>
    public TimeSpan CertificateCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The namespace the controller runs in (<c>--namespace</c>): its Secret, Lease and Service live there.</summary>
    public string Namespace { get; init; } = "kube-system";

    /// <summary>Whether to emit Warning Events on pods whose networks are missing or invalid (<c>--pod-events</c>).</summary>
    public bool PodEvents { get; init; } = true;

    /// <summary>How long a NAD lookup that misses the cache may ask the API (the webhook's own timeout is longer).</summary>
    public TimeSpan LookupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>--log-format</c>: text (the console default) or json lines on stderr.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
}
