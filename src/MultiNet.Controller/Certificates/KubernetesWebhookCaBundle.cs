using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MultiNet.Controller.ApiObjects;
using MultiNet.Kubernetes.Api;

namespace MultiNet.Controller.Certificates;

/// <summary><see cref="IWebhookCaBundle"/> over KubernetesClient: a get and a JSON patch of one ValidatingWebhookConfiguration.</summary>
internal sealed class KubernetesWebhookCaBundle(IKubernetes client, string name) : IWebhookCaBundle
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string Webhook, string CaBundle)>> GetAsync(CancellationToken cancellationToken)
    {
        V1ValidatingWebhookConfiguration configuration = await ApiCalls.GetAsync(
            () => client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name, cancellationToken: cancellationToken),
            $"get validatingwebhookconfiguration \"{name}\"", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"validatingwebhookconfiguration \"{name}\" (--webhook-config-name) does not exist: apply deploy/controller first, or name the configuration whose caBundle the controller should write");

        return [.. (configuration.Webhooks ?? []).Select(w => (w.Name, w.ClientConfig?.CaBundle is { } ca ? Encoding.UTF8.GetString(ca) : ""))];
    }

    /// <inheritdoc />
    public async Task SetAsync(IReadOnlyList<string> webhooks, string caBundlePem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        string value = Convert.ToBase64String(Encoding.UTF8.GetBytes(caBundlePem));
        var patch = new JsonArray();
        for (int i = 0; i < webhooks.Count; i++)
        {
            string at = $"/webhooks/{i.ToString(CultureInfo.InvariantCulture)}";

            // The test makes the patch fail rather than set the bundle on another webhook if the list changed since it was read.
            patch.Add(new JsonObject { ["op"] = "test", ["path"] = $"{at}/name", ["value"] = webhooks[i] });
            patch.Add(new JsonObject { ["op"] = "add", ["path"] = $"{at}/clientConfig/caBundle", ["value"] = value });
        }

        try
        {
            await client.AdmissionregistrationV1.PatchValidatingWebhookConfigurationAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrorMapper.Map(e, $"patch the caBundle of validatingwebhookconfiguration \"{name}\"", cancellationToken) is { } error)
        {
            throw error;
        }
    }
}
