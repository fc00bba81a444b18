namespace MultiNet.Controller.Configuration;

/// <summary>How the controller makes, stores, publishes and renews its own CA and serving certificate.</summary>
internal sealed record SelfManagedCertificateOptions
{
    /// <summary>The Secret in the controller's namespace holding CA and serving certificate (<c>--tls-secret-name</c>).</summary>
    public string SecretName { get; init; } = "multinet-controller-certs";

    /// <summary>The ValidatingWebhookConfiguration whose <c>caBundle</c> the controller writes (<c>--webhook-config-name</c>).</summary>
    public string WebhookConfigurationName { get; init; } = "multinet-controller";

    /// <summary>The Service in front of the controller (<c>--service-name</c>); the certificate names <c>&lt;svc&gt;.&lt;ns&gt;.svc</c>.</summary>
    public string ServiceName { get; init; } = "multinet-controller";

    /// <summary>How long a serving certificate is valid (<c>--cert-validity</c>, days); renewed when a third is left.</summary>
    public TimeSpan CertificateValidity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>How long the CA is valid (<c>--ca-validity</c>, days); renewed when a third is left.</summary>
    public TimeSpan CaValidity { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>How long a new CA is in the webhook configuration before certificates are signed with it (API servers pick it up).</summary>
    public TimeSpan CaPublishGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the leader looks at the Secret and the webhook configuration.</summary>
    public TimeSpan RotationCheckInterval { get; init; } = TimeSpan.FromMinutes(1);
}
