using System.Text.Json.Nodes;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Benchmarks;

/// <summary>The objects the benchmark puts in the API stand-in, and the review it sends.</summary>
internal static class BenchCluster
{
    public const string Namespace = "bench";

    /// <summary>The five NADs the benchmark pod uses: a conflist with capabilities, host-local IPAM, static IPAM.</summary>
    public static void AddPodNetworks(KubeApiStandIn api)
    {
        for (int i = 0; i < 5; i++)
        {
            api.AddNad(Namespace, $"net-{i}",
                $$$"""{"cniVersion":"1.0.0","name":"net-{{{i}}}","plugins":[{"type":"macvlan","master":"eth1","capabilities":{"ips":true,"mac":true},"ipam":{"type":"host-local","ranges":[[{"subnet":"198.19.{{{64 + i}}}.0/24","rangeStart":"198.19.{{{64 + i}}}.10","rangeEnd":"198.19.{{{64 + i}}}.200"}]],"routes":[{"dst":"198.18.0.0/15"}]}},{"type":"tuning"},{"type":"portmap","capabilities":{"portMappings":true}}]}""");
        }
    }

    /// <summary><paramref name="count"/> NADs spread over 100 namespaces (host-local, like a real platform's).</summary>
    public static void AddMany(KubeApiStandIn api, int count)
    {
        for (int i = 0; i < count; i++)
        {
            api.AddObject((JsonObject)JsonNode.Parse(ManyNadJson(i))!);
        }
    }

    /// <summary>The namespace of the <paramref name="i"/>-th of the many NADs.</summary>
    public static string ManyNamespace(int i) => $"tenant-{i % 100:D3}";

    /// <summary>The name of the <paramref name="i"/>-th of the many NADs.</summary>
    public static string ManyName(int i) => $"vlan-{i:D5}";

    /// <summary>The <paramref name="i"/>-th of the many NADs as a Kubernetes object.</summary>
    public static string ManyNadJson(int i)
    {
        string config = $$$"""{"cniVersion":"1.0.0","name":"{{{ManyName(i)}}}","type":"macvlan","master":"eth1","mode":"bridge","ipam":{"type":"host-local","ranges":[[{"subnet":"10.{{{i / 256 % 256}}}.{{{i % 256}}}.0/24"}]]}}""";
        return new JsonObject
        {
            ["apiVersion"] = "k8s.cni.cncf.io/v1",
            ["kind"] = "NetworkAttachmentDefinition",
            ["metadata"] = new JsonObject { ["name"] = ManyName(i), ["namespace"] = ManyNamespace(i) },
            ["spec"] = new JsonObject { ["config"] = config },
        }.ToJsonString();
    }

    /// <summary>An AdmissionReview for a pod asking for all five networks (JSON form, interfaces, static IP and MAC, a port mapping).</summary>
    public static string PodReview(int n)
    {
        const string networks = """[{"name":"net-0","interface":"data0","ips":["198.19.64.5/24"],"mac":"c2:11:22:33:44:55","default-route":["198.19.64.1"]},{"name":"net-1","interface":"data1"},{"name":"net-2","interface":"data2","portMappings":[{"hostPort":8080,"containerPort":80}]},{"name":"net-3","namespace":"bench","interface":"data3"},{"name":"net-4"}]""";
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = "web-",
                ["namespace"] = Namespace,
                ["labels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = "5d8f7b9c4" },
                ["annotations"] = new JsonObject { ["k8s.v1.cni.cncf.io/networks"] = networks },
            },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "app", ["image"] = "registry.k8s.io/pause:3.10",
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "64Mi" } },
                }),
            },
        };
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = $"00000000-0000-0000-0000-{n:D12}",
                ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["namespace"] = Namespace,
                ["operation"] = "CREATE",
                ["userInfo"] = new JsonObject { ["username"] = "system:serviceaccount:kube-system:replicaset-controller" },
                ["object"] = pod,
                ["dryRun"] = false,
            },
        };
        return review.ToJsonString();
    }
}
