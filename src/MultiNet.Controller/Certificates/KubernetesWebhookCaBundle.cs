using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
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
    public async Task<WebhookCaBundles> GetAsync(CancellationToken cancellationToken)
    {
        V1ValidatingWebhookConfiguration configuration = await ApiCalls.GetAsync(
            () => client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name, cancellationToken: cancellationToken),
            $"get validatingwebhookconfiguration \"{name}\"", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"validatingwebhookconfiguration \"{name}\" (--webhook-config-name) does not exist: apply deploy/controller first, or name the configuration whose caBundle the controller should write");

        return new WebhookCaBundles(
            [.. (configuration.Webhooks ?? []).Select(w => (w.Name, w.ClientConfig?.CaBundle is { } ca ? Encoding.UTF8.GetString(ca) : ""))],
            configuration.Metadata?.ResourceVersion ?? "");
    }

    /// <inheritdoc />
    public async Task<bool> SetAsync(WebhookCaBundles read, string caBundlePem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        string value = Convert.ToBase64String(Encoding.UTF8.GetBytes(caBundlePem));

        // Nothing is written over a configuration changed since it was read: a replica that lost the Lease without
        // knowing it cannot put back an older bundle over the new leader's.
        var patch = new JsonArray { new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = read.ResourceVersion } };
        for (int i = 0; i < read.Webhooks.Count; i++)
        {
            string at = $"/webhooks/{i.ToString(CultureInfo.InvariantCulture)}";

            // The test makes the patch fail rather than set the bundle on another webhook if the list changed since it was read.
            patch.Add(new JsonObject { ["op"] = "test", ["path"] = $"{at}/name", ["value"] = read.Webhooks[i].Webhook });
            patch.Add(new JsonObject { ["op"] = "add", ["path"] = $"{at}/clientConfig/caBundle", ["value"] = value });
        }

        try
        {
            await client.AdmissionregistrationV1.PatchValidatingWebhookConfigurationAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            // A failed test op (the configuration changed since it was read).
            return false;
        }
        catch (Exception e) when (ApiErrorMapper.Map(e, $"patch the caBundle of validatingwebhookconfiguration \"{name}\"", cancellationToken) is { } error)
        {
            throw error;
        }
    }
}
