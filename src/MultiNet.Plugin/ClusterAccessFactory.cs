using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Devices;
using MultiNet.KubeApi;

namespace MultiNet.Plugin;

/// <summary>Thin mode: the API from <c>kubeconfig</c>, else in-cluster, else no Kubernetes at all (delegates only).</summary>
internal static class ClusterAccessFactory
{
    public static ClusterAccess Create(MultiNetConfig config, ILogger logger)
    {
        var devices = new KubeletDeviceAllocations(config.PodResourcesSocket, config.KubeletCheckpointFile);
        var endpoint = config.Kubeconfig is { } path ? KubeconfigFile.Load(path) : InClusterEndpoint.TryLoad();
        if (endpoint is null)
        {
            return new ClusterAccess { Devices = devices };
        }

        var api = new ThinApiClient(endpoint, logger: logger);
        return new ClusterAccess { Pods = api, Networks = api, Status = api, Events = api, Devices = devices };
    }
}
