using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Mapping;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Kubernetes.Api;

/// <summary>
/// The engine's cluster interfaces over the Kubernetes API (KubernetesClient): one GET per pod and per NAD,
/// one merge patch for the status, one POST per event. For the CLI, the controller and the daemon's cache misses.
/// </summary>
public sealed class KubernetesApiAccess : IPodSource, INetworkDefinitionSource, IPodStatusWriter, IPodEventRecorder
{
    private const string NetworkStatusAnnotation = "k8s.v1.cni.cncf.io/network-status";

    private readonly IKubernetes _client;
    private readonly ILogger _logger;

    /// <summary>Uses <paramref name="client"/> for every call; <paramref name="logger"/> gets what is not thrown (events that failed).</summary>
    public KubernetesApiAccess(IKubernetes client, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Event source component (and reporting controller).</summary>
    public string Component { get; init; } = "multinet";

    /// <summary>Node name put in the event source, if known.</summary>
    public string? Host { get; init; }

    /// <summary>Clock for event timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Builds a client from <paramref name="kubeconfigPath"/>; without one, from the pod's service account when running
    /// in a cluster, else from <c>$KUBECONFIG</c> or <c>~/.kube/config</c>. Throws <see cref="CniException"/> (InvalidConfig) when none works.
    /// </summary>
    public static IKubernetes CreateClient(string? kubeconfigPath) => new k8s.Kubernetes(KubeconfigLoader.Load(kubeconfigPath));

    /// <inheritdoc />
    public async Task<PodInfo?> GetPodAsync(string podNamespace, string podName, CancellationToken cancellationToken)
    {
        V1Pod pod;
        try
        {
            pod = await _client.CoreV1.ReadNamespacedPodAsync(podName, podNamespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiErrorMapper.IsNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (ApiErrorMapper.Map(e, $"get pod \"{podNamespace}/{podName}\"", cancellationToken) is { } error)
        {
            throw error;
        }

        return new PodInfo
        {
            Namespace = pod.Metadata?.NamespaceProperty ?? podNamespace,
            Name = pod.Metadata?.Name ?? podName,
            Uid = pod.Metadata?.Uid ?? "",
            Annotations = pod.Metadata?.Annotations is { } annotations
                ? new Dictionary<string, string>(annotations, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    /// <inheritdoc />
    public async Task<NetworkAttachmentDefinition?> GetAsync(string nadNamespace, string nadName, CancellationToken cancellationToken)
    {
        var what = $"network \"{nadNamespace}/{nadName}\"";
        JsonElement item;
        try
        {
            item = await _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(
                NetworkAttachmentDefinitionMapper.Group,
                NetworkAttachmentDefinitionMapper.Version,
                nadNamespace,
                NetworkAttachmentDefinitionMapper.Plural,
                nadName,
                cancellationToken);
        }
        catch (Exception e) when (ApiErrorMapper.IsNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (ApiErrorMapper.Map(e, $"get {what}", cancellationToken) is { } error)
        {
            throw error;
        }

        if (JsonObject.Create(item) is not { } json)
        {
            throw new CniException(CniErrorCode.KubernetesApi, $"get {what}: the kubernetes api answered {item.ValueKind}, not an object");
        }

        // The API always names the namespace; fill it in for stand-ins and proxies that leave it out.
        json["metadata"] ??= new JsonObject();
        json["metadata"]!["namespace"] ??= nadNamespace;
        return NetworkAttachmentDefinitionMapper.FromJson(json, what);
    }

    /// <inheritdoc />
    public async Task WriteNetworkStatusAsync(PodInfo pod, string networkStatusJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);

        // A merge patch of this one key: other annotations, and anything else on the pod, stay as they are.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [NetworkStatusAnnotation] = networkStatusJson },
            },
        };
        try
        {
            await _client.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), pod.Name, pod.Namespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiErrorMapper.IsNotFound(e))
        {
            _logger.StatusTargetGone(pod.Namespace, pod.Name);
        }
        catch (Exception e) when (ApiErrorMapper.Map(e, $"write network-status on pod \"{pod.Namespace}/{pod.Name}\"", cancellationToken) is { } error)
        {
            throw error;
        }
    }

    /// <inheritdoc />
    public async Task RecordAsync(PodInfo pod, PodEvent podEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(podEvent);
        var body = PodEventBuilder.Build(pod, podEvent, Component, Host, TimeProvider.GetUtcNow());
        try
        {
            await _client.CoreV1.CreateNamespacedEventAsync(body, pod.Namespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // An event is a courtesy: losing one must not fail the pod's networking.
            var reason = ApiErrorMapper.Map(e, "create event", cancellationToken)?.Message ?? e.Message;
            _logger.EventNotRecorded(podEvent.Reason, pod.Namespace, pod.Name, reason);
        }
    }
}
