using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Daemon.Tests.Deploy;
using MultiNet.Daemon.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.NodeEndToEnd;

/// <summary>
/// deploy/thick on this machine as on a node: the image (./build.sh --image) set with the one kustomize "images:"
/// edit of docs/install.md, the DaemonSet's init container and daemon run by podman exactly as the pod spec says,
/// against the API stand-in over HTTPS with a service-account token; then this test, as the container runtime,
/// calls the multinet the init container installed. The cluster network is a plugin that lives only in the host's
/// CNI bin folder and reads a host file no DaemonSet volume mounts: it works only because the daemon runs it in the
/// host's root. The host's CNI folders are this test's own (see <see cref="HostPathOverlay"/>).
/// </summary>
[Collection(nameof(NodeEndToEndCollection))]
public sealed class NodeEndToEndTests
{
    private const string NodeName = "node-1";

    [RootFact]
    public async Task ThickDaemonSet_OnThisHost_AddsAndDeletesPodsThroughTheHostRootAndSurvivesARestart()
    {
        using var node = new TestNetwork();
        // A tag of this test's own: the machine's podman store is shared, and another checkout's build may retag
        // localhost/multinet:<version> while this test runs.
        var imageTag = $"e2e-{node.Id}";
        Shell.Check("podman", "tag", NodeImage.Reference, $"localhost/multinet:{imageTag}");
        var rendered = RenderedManifests.RenderWithImage("thick", "localhost/multinet", imageTag);
        var daemonSet = rendered.Single("DaemonSet");
        var podSpec = daemonSet["spec"]!["template"]!["spec"]!.AsObject();
        var hostPaths = podSpec["volumes"]!.AsArray().Select(v => (string?)v!["hostPath"]?["path"]).OfType<string>()
            .Where(p => p is not "/" and not "/var/run/netns").ToList();
        using var ca = TestCertificateAuthority.Create();
        await using var api = await KubeApiStandIn.StartAsync(new KubeApiStandInOptions { ServerCertificate = ca.IssueServer() });
        using var host = new HostPathOverlay(node.Id, hostPaths);
        var files = Directory.CreateDirectory(Path.Combine(node.Root, "kubelet")).FullName;
        var context = new PodmanKubelet.PodContext(NodeName, "kube-system", $"multinet-{node.Id}", ServiceAccount(files, api, ca),
            api.BaseAddress, ConfigMaps(files, rendered));
        using var kubelet = new PodmanKubelet(node.Id, podSpec, context);
        var pods = new List<DaemonPod>();
        JsonObject? config = null;
        try
        {
            var cluster = PrepareNode(node, api);

            kubelet.RunInitContainers().Should().BeNull("the install init container copies multinet onto the host");
            File.Exists("/opt/cni/bin/multinet").Should().BeTrue();
            var daemon = kubelet.Start("multinetd");
            await WaitReadyAsync(podSpec, daemon);
            config = ThickModeNodeConfigTests.ReadGenerated("/etc/cni/net.d");

            var first = NewPod(api, node, pods, 1);
            var add = await RunAsync("ADD", first, config);

            add.ExitCode.Should().Be(0, add.Stdout + PodmanKubelet.Logs(daemon));
            first.Links().Should().BeEquivalentTo("eth0", "net1", "net2");
            cluster.Calls().Should().Equal($"ADD {first.ContainerId} node-state");
            var status = JsonNode.Parse(api.GetPodAnnotation("team-a", first.Name, "k8s.v1.cni.cncf.io/network-status")!)!.AsArray();
            status.Select(s => (string)s!["name"]!).Should().Equal("cluster", "team-a/macvlan-a", "team-a/bridge-b");
            (await RunAsync("DEL", first, config)).ExitCode.Should().Be(0, PodmanKubelet.Logs(daemon));
            first.Links().Should().BeEmpty();

            var second = NewPod(api, node, pods, 2);
            (await RunAsync("ADD", second, config)).ExitCode.Should().Be(0, PodmanKubelet.Logs(daemon));
            Shell.Check("podman", "kill", "--signal", "KILL", daemon);
            var delWhileDown = await RunAsync("DEL", second, config);

            delWhileDown.ExitCode.Should().Be(0, delWhileDown.Stdout + delWhileDown.Stderr);
            second.Links().Should().BeEmpty("the shim ran the DEL itself, on the host");
            cluster.Calls().Should().Contain($"DEL {second.ContainerId} node-state");

            Shell.Check("podman", "start", daemon);
            await WaitReadyAsync(podSpec, daemon);
            var third = NewPod(api, node, pods, 3);
            (await RunAsync("ADD", third, config)).ExitCode.Should().Be(0, PodmanKubelet.Logs(daemon));
            third.Links().Should().BeEquivalentTo("eth0", "net1", "net2");
            (await RunAsync("DEL", third, config)).ExitCode.Should().Be(0, PodmanKubelet.Logs(daemon));

            Leftovers(host).Should().BeEmpty("no lease, checkpoint or lock may be left");
            pods.SelectMany(p => p.Links()).Should().BeEmpty();
        }
        finally
        {
            // A failed run leaves no attachment behind either: DEL through the daemon, or the shim when it is down.
            foreach (var pod in pods)
            {
                await RunAsync("DEL", pod, config);
                pod.Dispose();
            }

            kubelet.Dispose();
            Shell.Run("podman", "rmi", $"localhost/multinet:{imageTag}"); // only this tag: the image keeps its others
        }

        Shell.Check("podman", "ps", "--all", "--quiet", "--filter", $"name=mn-e2e-{node.Id}").Should().BeEmpty();
    }

    /// <summary>
    /// The host's side: reference plugins in its CNI bin folder, the cluster network's plugin and config, NADs. Subnets
    /// 198.19.240.0/24–198.19.242.0/24 (no other test uses them; the node tests run one at a time).
    /// </summary>
    private static HostStatePlugin PrepareNode(TestNetwork node, KubeApiStandIn api)
    {
        foreach (var plugin in new[] { "bridge", "macvlan", "host-local" })
        {
            File.CreateSymbolicLink(Path.Combine("/opt/cni/bin", plugin), Path.Combine(RepoLayout.ReferencePlugins, plugin));
        }

        // Outside every DaemonSet volume (as /run/flannel/subnet.env is): only the host's root has it.
        var cluster = new HostStatePlugin("/opt/cni/bin", Path.Combine(node.Root, "flannel-state"), $"mn-hostnet-{node.Id}");
        File.WriteAllText("/etc/cni/net.d/10-cluster.conflist", new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = "cluster",
            ["plugins"] = new JsonArray(new JsonObject
            {
                ["type"] = cluster.Type,
                ["bridge"] = node.BridgeName("ncl"),
                ["isGateway"] = true,
                ["ipam"] = HostLocal("198.19.240.0/24", defaultRoute: true),
            }),
        }.ToJsonString());
        api.AddNad("team-a", "macvlan-a", new JsonObject
        {
            ["cniVersion"] = "1.0.0", ["type"] = "macvlan", ["master"] = node.AddHostBridge("nmv"), ["mode"] = "bridge",
            ["ipam"] = HostLocal("198.19.241.0/24"),
        }.ToJsonString());
        api.AddNad("team-a", "bridge-b", new JsonObject
        {
            ["cniVersion"] = "1.0.0", ["type"] = "bridge", ["bridge"] = node.BridgeName("nbr"),
            ["ipam"] = HostLocal("198.19.242.0/24"),
        }.ToJsonString());
        return cluster;
    }

    // host-local's default dataDir (/var/lib/cni/networks): the host's folder, this test's overlay.
    private static JsonObject HostLocal(string subnet, bool defaultRoute = false)
    {
        var ipam = new JsonObject { ["type"] = "host-local", ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = subnet })) };
        if (defaultRoute)
        {
            ipam["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" });
        }

        return ipam;
    }

    private static DaemonPod NewPod(KubeApiStandIn api, TestNetwork node, List<DaemonPod> pods, int index)
    {
        var pod = new DaemonPod($"e2e-{node.Id}", index);
        pods.Add(pod);
        pod.Uid = (string?)api.AddPod(pod.Namespace, pod.Name, new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "macvlan-a, bridge-b" }, NodeName)["metadata"]!["uid"];
        return pod;
    }

    /// <summary>The runtime's call: the installed binary, CNI_PATH the host's bin folder, the generated config on stdin.</summary>
    private static Task<PluginProcess.Outcome> RunAsync(string command, DaemonPod pod, JsonObject? config)
    {
        var env = PluginProcess.Env(command, pod.ContainerId, pod.NetnsPath, "eth0", pod.Namespace, pod.Name, pod.Uid);
        env["CNI_PATH"] = "/opt/cni/bin";
        return config is null || !File.Exists("/opt/cni/bin/multinet")
            ? Task.FromResult(new PluginProcess.Outcome(0, "", ""))
            : PluginProcess.RunAsync(env, config.ToJsonString(), "/opt/cni/bin/multinet");
    }

    private static async Task WaitReadyAsync(JsonObject podSpec, string daemon)
    {
        var container = podSpec["containers"]![0]!;
        var probe = container["readinessProbe"]!["httpGet"]!;
        var port = container["ports"]!.AsArray().Single(p => (string)p!["name"]! == (string)probe["port"]!)!["containerPort"]!.GetValue<int>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (true)
        {
            try
            {
                var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{(string)probe["path"]!}"));
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message; // not listening yet
            }

            var running = Shell.Run("podman", "inspect", "--format", "{{.State.Running}} (exit code {{.State.ExitCode}})", daemon).Stdout.Trim();
            if (!running.StartsWith("true", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"multinetd never became ready (running: {running}, last answer: {last}):\n{PodmanKubelet.Logs(daemon)}");
            }

            await Task.Delay(200);
        }
    }

    private static string ServiceAccount(string files, KubeApiStandIn api, TestCertificateAuthority ca)
    {
        var dir = Directory.CreateDirectory(Path.Combine(files, "serviceaccount")).FullName;
        File.WriteAllText(Path.Combine(dir, "token"), api.Token);
        File.WriteAllText(Path.Combine(dir, "ca.crt"), ca.CertificatePem);
        File.WriteAllText(Path.Combine(dir, "namespace"), "kube-system");
        return dir;
    }

    private static Dictionary<string, string> ConfigMaps(string files, RenderedManifests rendered) =>
        rendered.Objects.Where(o => RenderedManifests.Kind(o) == "ConfigMap").ToDictionary(RenderedManifests.Name, configMap =>
        {
            var dir = Directory.CreateDirectory(Path.Combine(files, RenderedManifests.Name(configMap))).FullName;
            foreach (var (key, value) in configMap["data"]!.AsObject())
            {
                File.WriteAllText(Path.Combine(dir, key), (string)value!);
            }

            return dir;
        });

    private static List<string> Leftovers(HostPathOverlay host) =>
        [.. new[] { "/var/lib/cni" }.SelectMany(p => Directory.EnumerateFiles(host.Overlays[p], "*", SearchOption.AllDirectories))
            .Where(f => !f.EndsWith("/last_reserved_ip.0", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("lock", StringComparison.Ordinal))];
}
