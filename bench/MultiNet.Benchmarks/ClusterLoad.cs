using System.Globalization;
using System.Text.Json.Nodes;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Benchmarks;

/// <summary>
/// The cache load of the RSS target: <see cref="Nads"/> NADs across ten namespaces and <see cref="Pods"/> pods on this
/// node, each shaped like a real one (a macvlan config; a pod with labels, a network selection and a large
/// last-applied-configuration annotation that the daemon must not keep).
/// </summary>
internal static class ClusterLoad
{
    public const int Nads = 1000;
    public const int Pods = 250;

    public static void Add(KubeApiStandIn api)
    {
        for (var i = 0; i < Nads; i++)
        {
            var config = new JsonObject
            {
                ["cniVersion"] = "1.0.0",
                ["name"] = $"load-net-{i}",
                ["type"] = "macvlan",
                ["master"] = "eth1",
                ["mode"] = "bridge",
                ["ipam"] = new JsonObject
                {
                    ["type"] = "host-local",
                    ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = $"10.{i / 250}.{i % 250}.0/24" })),
                },
            };
            api.AddNad($"load-{i % 10}", $"net-{i}", config.ToJsonString(), i % 20 == 0 ? "intel.com/sriov" : null);
        }

        var lastApplied = new string('x', 2048);
        for (var i = 0; i < Pods; i++)
        {
            api.AddPod($"load-{i % 10}", $"app-{i.ToString(CultureInfo.InvariantCulture)}", new Dictionary<string, string>
            {
                ["k8s.v1.cni.cncf.io/networks"] = $"net-{i % Nads}, net-{(i + 1) % Nads}@data0",
                ["kubectl.kubernetes.io/last-applied-configuration"] = lastApplied,
                ["prometheus.io/scrape"] = "true",
            }, "node-1", labels: new Dictionary<string, string> { ["app"] = $"app-{i % 25}", ["tier"] = "backend" });
        }
    }
}
