namespace MultiNet.Controller.Certificates;

/// <summary>The webhook configuration as read: each webhook's name and caBundle (PEM; empty when unset), and the resourceVersion a write must name.</summary>
internal sealed record WebhookCaBundles(IReadOnlyList<(string Webhook, string CaBundle)> Webhooks, string ResourceVersion);
