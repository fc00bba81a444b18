using System.Text.Json.Nodes;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.Attachments.Planning;

/// <summary>
/// Step "plan": the cluster network first (or the pod's default-network override), then <c>defaultNetworks</c>
/// (not in system namespaces), then the pod's selections in order, each with its interface name and runtimeConfig.
/// </summary>
internal sealed class AttachmentPlanner(MultiNetConfig config, ClusterAccess cluster, NetworkResolver resolver)
{
    /// <summary>Builds the plan; throws <see cref="CniException"/> naming the network and field on bad input.</summary>
    public async Task<AttachmentPlan> PlanAsync(CniEnvironment env, PodContext pod, CancellationToken ct)
    {
        var requests = new List<NetworkRequest>();
        requests.AddRange(await ClusterNetworksAsync(pod, ct).ConfigureAwait(false));
        var selections = Selections(pod);
        var isolation = new NamespaceIsolationRule(config);
        foreach (var selection in selections)
        {
            isolation.Check(pod, selection);
        }

        // NAD lookups are independent round trips: run them together; the first failure in selection order wins.
        var lookups = selections.Select(selection => ResolveSelectionAsync(pod, selection, ct)).ToArray();
        var resolved = await Task.WhenAll(lookups).ConfigureAwait(false);
        for (var i = 0; i < selections.Count; i++)
        {
            requests.Add(new NetworkRequest(resolved[i], selections[i]));
        }

        var names = new InterfaceNamer(env.IfName!, requests.Select(r => r.Selection?.InterfaceRequest));
        var devices = new DeviceAssigner(cluster.Devices, pod.Pod);
        var attachments = new List<PlannedAttachment>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var ifName = names.NameFor(i, request.Network.StatusName, request.Selection?.InterfaceRequest);
            var deviceId = await devices.NextAsync(request.Network, request.Selection, ct).ConfigureAwait(false);
            attachments.Add(AttachmentBuilder.Build(config, env.ContainerId!, request, i == 0, ifName, deviceId));
        }

        return new AttachmentPlan
        {
            ContainerId = env.ContainerId!,
            NetNs = env.NetNs,
            IfName = env.IfName!,
            PodNamespace = pod.Namespace,
            PodName = pod.Name,
            PodUid = pod.Pod?.Uid is { Length: > 0 } uid ? uid : pod.Uid,
            DelegateArgs = pod.DelegateArgs,
            Attachments = attachments,
        };
    }

    /// <summary>The cluster network and the always-attached networks, without any pod (STATUS and GC use it too).</summary>
    public async Task<List<NetworkRequest>> ClusterNetworksAsync(PodContext pod, CancellationToken ct)
    {
        var result = new List<NetworkRequest>();
        var overrideAnnotation = DefaultNetworkOverride(pod);
        if (overrideAnnotation is not null)
        {
            var element = NetworkSelectionParser.ParseDefaultNetwork(overrideAnnotation, config.MultusNamespace);
            // The override replaces the cluster network, so isolation applies to it too (before any lookup); the
            // administrator's multusNamespace, where Multus alone looks for it, stays allowed.
            new NamespaceIsolationRule(config).Check(pod, element, config.MultusNamespace);
            result.Add(new NetworkRequest(await resolver.ResolveDefinitionAsync(element.Namespace, element.Name, ct).ConfigureAwait(false), null));
        }
        else if (config.ClusterNetwork is not null)
        {
            result.Add(new NetworkRequest(await resolver.ResolveReferenceAsync(config.ClusterNetwork, "clusterNetwork", ct).ConfigureAwait(false), null));
        }

        for (var i = 0; i < config.Delegates.Count; i++)
        {
            if (i == 0 && result.Count > 0)
            {
                continue;
            }

            result.Add(new NetworkRequest(NetworkResolver.FromInline(config.Delegates[i], i), null));
        }

        if (pod.Namespace is null || !config.SystemNamespaces.Contains(pod.Namespace))
        {
            foreach (var reference in config.DefaultNetworks)
            {
                result.Add(new NetworkRequest(await resolver.ResolveReferenceAsync(reference, "defaultNetworks", ct).ConfigureAwait(false), null));
            }
        }

        return result;
    }

    private static string? DefaultNetworkOverride(PodContext pod)
    {
        if (pod.Pod is null)
        {
            return null;
        }

        var annotations = pod.Pod.Annotations;
        return annotations.TryGetValue(NetworkSelectionParser.DefaultNetworkAnnotationKey, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : annotations.TryGetValue(NetworkSelectionParser.DefaultNetworkAliasKey, out var alias) && !string.IsNullOrWhiteSpace(alias)
                ? alias
                : null;
    }

    private static IReadOnlyList<NetworkSelectionElement> Selections(PodContext pod)
    {
        if (pod.Pod is null || !pod.Pod.Annotations.TryGetValue(NetworkSelectionParser.AnnotationKey, out var annotation))
        {
            return [];
        }

        return NetworkSelectionParser.Parse(annotation, pod.Pod.Namespace);
    }

    private async Task<ResolvedNetwork> ResolveSelectionAsync(PodContext pod, NetworkSelectionElement selection, CancellationToken ct)
    {
        try
        {
            return await resolver.ResolveDefinitionAsync(selection.Namespace, selection.Name, ct).ConfigureAwait(false);
        }
        catch (CniException e) when (e.Code == CniErrorCode.NetworkNotFound && pod.Pod is not null && cluster.Events is not null)
        {
            await cluster.Events.RecordAsync(pod.Pod,
                new PodEvent("Warning", "NoNetworkFound", $"cannot find a network-attachment-definition ({selection.Namespace}/{selection.Name}) for the pod"),
                ct).ConfigureAwait(false);
            throw;
        }
    }
}
