namespace MultiNet.KubeApi;

/// <summary>Where the API server is and how to authenticate to it, from a kubeconfig or the in-cluster service account.</summary>
internal sealed record ApiEndpoint
{
    /// <summary>API server URL, http or https.</summary>
    public required Uri Server { get; init; }

    /// <summary>Bearer token given inline; wins over <see cref="TokenFile"/>.</summary>
    public string? Token { get; init; }

    /// <summary>File holding the bearer token; read again when it changes (service-account tokens rotate).</summary>
    public string? TokenFile { get; init; }

    /// <summary>PEM of the CA(s) the server certificate must chain to; null to use the system trust store.</summary>
    public byte[]? CaCertificatePem { get; init; }

    /// <summary>PEM of the client certificate, for client certificate authentication.</summary>
    public byte[]? ClientCertificatePem { get; init; }

    /// <summary>PEM of the client certificate's private key.</summary>
    public byte[]? ClientKeyPem { get; init; }

    /// <summary>Accept any server certificate (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Name to verify the server certificate against instead of the URL's host (kubeconfig <c>tls-server-name</c>).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Where this came from, for error messages: <c>kubeconfig "/path"</c> or <c>in-cluster config</c>.</summary>
    public string Source { get; init; } = "kubernetes endpoint";
}
