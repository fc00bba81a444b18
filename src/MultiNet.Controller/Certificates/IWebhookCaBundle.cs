namespace MultiNet.Controller.Certificates;

/// <summary>The controller's own ValidatingWebhookConfiguration, by name: the caBundle of each of its webhooks.</summary>
internal interface IWebhookCaBundle
{
    /// <summary>The configuration's name, for messages.</summary>
    string Name { get; }

    /// <summary>Each webhook's name and caBundle, and the resourceVersion read. Throws <see cref="InvalidOperationException"/> when the configuration does not exist.</summary>
    Task<WebhookCaBundles> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets <paramref name="caBundlePem"/> on each webhook of <paramref name="read"/> (in order), only if the configuration
    /// is still at the resourceVersion read: false when it changed since (a newer leader wrote; read again and reconcile).
    /// </summary>
    Task<bool> SetAsync(WebhookCaBundles read, string caBundlePem, CancellationToken cancellationToken);
}
