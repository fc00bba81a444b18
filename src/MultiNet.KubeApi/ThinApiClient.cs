using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.KubeApi;

/// <summary>
/// The engine's cluster interfaces over plain HTTP for the short-lived plugin: exactly one request per pod lookup,
/// NAD lookup, status write and event when nothing fails; no client library, source-generated JSON on minimal types.
/// </summary>
internal sealed class ThinApiClient : IPodSource, INetworkDefinitionSource, IPodStatusWriter, IPodEventRecorder, IDisposable
{
    private const string NetworkStatusAnnotation = "k8s.v1.cni.cncf.io/network-status";
    private readonly ApiEndpoint _endpoint;
    private readonly ThinApiClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ApiTransport _transport;

    /// <summary>Creates a client; throws <see cref="CniException"/> (InvalidConfig) when the endpoint's certificates are unusable.</summary>
    public ThinApiClient(ApiEndpoint endpoint, ThinApiClientOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _options = (options ?? new ThinApiClientOptions()).Validated();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _transport = new ApiTransport(endpoint, _options, _time, _logger);
    }

    /// <inheritdoc />
    public async Task<PodInfo?> GetPodAsync(string podNamespace, string podName, CancellationToken cancellationToken)
    {
        var call = new ApiCall(HttpMethod.Get, "pods", podNamespace, podName, PodPath(podNamespace, podName));
        var pod = await GetAsync(call, ThinApiJsonContext.Default.PodWire, cancellationToken).ConfigureAwait(false);
        return pod is null ? null : WireMapper.ToPodInfo(pod, podNamespace, podName);
    }

    /// <inheritdoc />
    public async Task<NetworkAttachmentDefinition?> GetAsync(string nadNamespace, string nadName, CancellationToken cancellationToken)
    {
        var path = $"/apis/k8s.cni.cncf.io/v1/namespaces/{ApiCall.Segment(nadNamespace)}/network-attachment-definitions/{ApiCall.Segment(nadName)}";
        var call = new ApiCall(HttpMethod.Get, "network-attachment-definitions", nadNamespace, nadName, path);
        var nad = await GetAsync(call, ThinApiJsonContext.Default.NadWire, cancellationToken).ConfigureAwait(false);
        return nad is null ? null : WireMapper.ToNad(nad, nadNamespace, nadName);
    }

    /// <inheritdoc />
    public async Task WriteNetworkStatusAsync(PodInfo pod, string networkStatusJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var body = ThinApiBodies.NetworkStatusPatch(NetworkStatusAnnotation, networkStatusJson, pod.Uid);
        var call = new ApiCall(HttpMethod.Patch, "pods/status", pod.Namespace, pod.Name, PodPath(pod.Namespace, pod.Name) + "/status",
            body, "application/merge-patch+json");
        var response = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case >= 200 and < 300:
                return;
            case 404:
                ThinApiLog.StatusPodGone(_logger, pod.Namespace, pod.Name);
                return;
            case 409 when pod.Uid.Length > 0 && IsUidPreconditionFailure(response):
                // The uid in the patch is a precondition: this 409 means a new pod now has this name. Any other
                // conflict is an error like any other (the status was not written).
                ThinApiLog.StatusPodReplaced(_logger, pod.Namespace, pod.Name, pod.Uid);
                return;
            default:
                throw response.ToError(call, _endpoint);
        }
    }

    /// <inheritdoc />
    public async Task RecordAsync(PodInfo pod, PodEvent podEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(podEvent);
        var now = _time.GetUtcNow();
        // Named like client-go names events (<object>.<unix nanoseconds in hex>); the sub-millisecond part is random
        // so that two events in the same clock tick still get two names.
        var nanos = (now.ToUnixTimeMilliseconds() * 1_000_000L) + Random.Shared.Next(1_000_000);
        var name = $"{pod.Name}.{nanos.ToString("x", CultureInfo.InvariantCulture)}";
        var body = ThinApiBodies.Event(pod, podEvent, name, _options.Component, now);
        var call = new ApiCall(HttpMethod.Post, "events", pod.Namespace, name, $"/api/v1/namespaces/{ApiCall.Segment(pod.Namespace)}/events",
            body, "application/json");
        try
        {
            var response = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                ThinApiLog.EventNotRecorded(_logger, podEvent.Reason, pod.Namespace, pod.Name, response.ToError(call, _endpoint).Message);
            }
        }
        catch (Exception e) when (e is CniException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Events are best effort: a pod's network does not fail because its story could not be told.
            ThinApiLog.EventNotRecorded(_logger, podEvent.Reason, pod.Namespace, pod.Name, e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();

    private static bool IsUidPreconditionFailure(ApiResponse response) =>
        ApiResponse.Describe(response.StatusCode, response.Body).Contains("Precondition failed: UID", StringComparison.Ordinal);

    private static string PodPath(string ns, string name) =>
        $"/api/v1/namespaces/{ApiCall.Segment(ns)}/pods/{ApiCall.Segment(name)}";

    private async Task<T?> GetAsync<T>(ApiCall call, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var response = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw response.ToError(call, _endpoint);
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, type)
                ?? throw new JsonException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.KubernetesApi, $"kubernetes api: {call}: the answer is not the expected JSON: {e.Message}", null, e);
        }
    }
}
