namespace MultiNet.Controller.Certificates;

/// <summary>The controller's own ValidatingWebhookConfiguration, by name: the caBundle of each of its webhooks.</summary>
internal interface IWebhookCaBundle
{
    /// <summary>The configuration's name, for messages.</summary>
    string Name { get; }

    /// <summary>Each webhook's name and caBundle (PEM; empty when unset). Throws <see cref="InvalidOperationException"/> when the configuration does not exist.</summary>
    Task<IReadOnlyList<(string Webhook, string CaBundle)>> GetAsync(CancellationToken cancellationToken);

    /// <summary>Sets <paramref name="caBundlePem"/> on each of <paramref name="webhooks"/> (as read, in order; a changed list fails the write).</summary>
    Task SetAsync(IReadOnlyList<string> webhooks, string caBundlePem, CancellationToken cancellationToken);
}
