using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.Deploy;

public sealed class KustomizeRenderTests
{
    private static readonly string[] ThickHostPaths =
    [
        "/", "/etc/cni/net.d", "/etc/cni/multus/net.d", "/opt/cni/bin", "/run/multinet", "/var/run/netns", "/var/lib/cni", "/var/run/k8s.cni.cncf.io",
        "/var/lib/kubelet/pod-resources", "/var/lib/kubelet/device-plugins",
    ];

    [Theory]
    [InlineData("thick")]
    [InlineData("thin")]
    public void Render_Variant_HasTheObjectsOfANodeInstall(string variant)
    {
        var rendered = RenderedManifests.Render(variant);

        var expected = new List<string>
        {
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "DaemonSet",
        };
        if (variant == "thick")
        {
            expected.Add("ConfigMap");
        }

        rendered.Objects.Select(RenderedManifests.Kind).Should().BeEquivalentTo(expected);
        rendered.Objects.Where(o => RenderedManifests.Kind(o) is "ServiceAccount" or "DaemonSet" or "ConfigMap" or "Role" or "RoleBinding")
            .Should().OnlyContain(o => o["metadata"]!["namespace"]!.GetValue<string>() == "kube-system");
    }

    [Theory]
    [InlineData("thick")]
    [InlineData("thin")]
    public void Render_Rbac_IsExactlyTheCallsTheNodeMakes(string variant)
    {
        var rendered = RenderedManifests.Render(variant);

        var grants = rendered.Single("ClusterRole")["rules"]!.AsArray().SelectMany(rule =>
            from apiGroup in Strings(rule!["apiGroups"])
            from resource in Strings(rule["resources"])
            from verb in Strings(rule["verbs"])
            select $"{apiGroup}/{resource}:{verb}");
        grants.Should().BeEquivalentTo(
            "/pods:get", "/pods:list", "/pods:watch", "/pods/status:patch", "/events:create",
            "k8s.cni.cncf.io/network-attachment-definitions:get", "k8s.cni.cncf.io/network-attachment-definitions:list",
            "k8s.cni.cncf.io/network-attachment-definitions:watch");

        var role = rendered.Single("Role")["rules"]!.AsArray().Should().ContainSingle().Subject!;
        Strings(role["apiGroups"]).Should().Equal("apps");
        Strings(role["resources"]).Should().Equal("daemonsets");
        Strings(role["verbs"]).Should().Equal("get");
        Strings(role["resourceNames"]).Should().Equal(RenderedManifests.Name(rendered.Single("DaemonSet")));
        rendered.Single("RoleBinding")["subjects"]![0]!["name"]!.GetValue<string>()
            .Should().Be(RenderedManifests.Name(rendered.Single("ServiceAccount")));

        var binding = rendered.Single("ClusterRoleBinding");
        binding["roleRef"]!["name"]!.GetValue<string>().Should().Be(RenderedManifests.Name(rendered.Single("ClusterRole")));
        var subject = binding["subjects"]!.AsArray().Should().ContainSingle().Subject!;
        subject["name"]!.GetValue<string>().Should().Be(RenderedManifests.Name(rendered.Single("ServiceAccount")));
        subject["namespace"]!.GetValue<string>().Should().Be("kube-system");
        PodSpec(rendered)["serviceAccountName"]!.GetValue<string>().Should().Be(subject["name"]!.GetValue<string>());
    }

    [Fact]
    public void Render_Crd_IsTheNpwgNetworkAttachmentDefinitionWithSpecConfig()
    {
        var crds = RenderedManifests.Render("../crds");
        crds.Objects.Select(RenderedManifests.Kind).Should().Equal(["CustomResourceDefinition"], "deleting deploy/thin or deploy/thick must never delete it");
        var crd = crds.Single("CustomResourceDefinition");

        RenderedManifests.Name(crd).Should().Be("network-attachment-definitions.k8s.cni.cncf.io");
        var spec = crd["spec"]!;
        spec["group"]!.GetValue<string>().Should().Be("k8s.cni.cncf.io");
        spec["scope"]!.GetValue<string>().Should().Be("Namespaced");
        spec["names"]!["kind"]!.GetValue<string>().Should().Be("NetworkAttachmentDefinition");
        spec["names"]!["plural"]!.GetValue<string>().Should().Be("network-attachment-definitions");
        Strings(spec["names"]!["shortNames"]).Should().Contain("net-attach-def");
        var version = spec["versions"]!.AsArray().Should().ContainSingle().Subject!;
        version["name"]!.GetValue<string>().Should().Be("v1");
        version["served"]!.GetValue<bool>().Should().BeTrue();
        version["storage"]!.GetValue<bool>().Should().BeTrue();
        version["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["config"]!["type"]!.GetValue<string>()
            .Should().Be("string");
    }

    [Theory]
    [InlineData("thick")]
    [InlineData("thin")]
    public void Render_DaemonSet_RunsOnEveryNodeBeforePodNetworking(string variant)
    {
        var rendered = RenderedManifests.Render(variant);
        var pod = PodSpec(rendered);

        pod["hostNetwork"]!.GetValue<bool>().Should().BeTrue();
        pod["priorityClassName"]!.GetValue<string>().Should().Be("system-node-critical");
        pod["tolerations"]!.AsArray().Should().Contain(t => t!["operator"]!.GetValue<string>() == "Exists" && t["key"] == null && t["effect"] == null);
        var container = pod["containers"]![0]!;
        Env(container, "MULTINET_DAEMONSET_NAME")["value"]!.GetValue<string>()
            .Should().Be(RenderedManifests.Name(rendered.Single("DaemonSet")), "the uninstall check reads this DaemonSet");
        Env(container, "POD_NAMESPACE")["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>().Should().Be("metadata.namespace");
        foreach (var (volume, mount) in HostMounts(pod).Where(m => m.HostPath != "/"))
        {
            mount.Should().Be(volume, "host folders are mounted at their host paths so the config's paths hold on both sides");
        }

        var writers = (pod["initContainers"]?.AsArray() ?? []).Concat(variant == "thin" ? pod["containers"]!.AsArray() : []);
        writers.Should().OnlyContain(c => c!["securityContext"]!["privileged"]!.GetValue<bool>(),
            "containers that write host folders must be privileged on SELinux hosts");
        var node = (pod["initContainers"]?.AsArray() ?? []).Concat(pod["containers"]!.AsArray());
        node.Should().OnlyContain(c => c!["securityContext"]!["runAsUser"]!.GetValue<int>() == 0,
            "the image's default user is non-root (the controller's), and every node container writes host folders");
    }

    [Fact]
    public void Render_Thick_MountsWhatTheDaemonNeedsAndNoMore()
    {
        var rendered = RenderedManifests.Render("thick");
        var pod = PodSpec(rendered);

        pod["hostPID"]!.GetValue<bool>().Should().BeTrue("netns paths /proc/<pid>/ns/net name host PIDs");
        HostMounts(pod).Select(m => m.HostPath).Should().BeEquivalentTo(ThickHostPaths);
        var daemon = pod["containers"]!.AsArray().Should().ContainSingle().Subject!;
        Mount(daemon, "/var/run/netns")["mountPropagation"]!.GetValue<string>().Should().Be("HostToContainer");
        Mount(daemon, "/hostroot")["mountPropagation"]!.GetValue<string>().Should().Be("HostToContainer", "netns and sockets mounted later must show");
        Mount(daemon, "/hostroot")["readOnly"].Should().BeNull("delegates write their state on the host");
        Mount(daemon, "/etc/cni/multus/net.d")["readOnly"]!.GetValue<bool>().Should().BeTrue();
        Mount(daemon, "/opt/cni/bin")["readOnly"]!.GetValue<bool>().Should().BeTrue();
        daemon["resources"]!["requests"]!["memory"]!.GetValue<string>().Should().Be("50Mi");
        daemon["resources"]!["limits"]!["memory"]!.GetValue<string>().Should().Be("150Mi");
        daemon["resources"]!["limits"]!["cpu"].Should().BeNull("a CPU limit throttles the delegates every pod start runs");

        var install = pod["initContainers"]!.AsArray().Should().ContainSingle().Subject!;
        Strings(install["command"]).Should().ContainInOrder("install", "--mode", "thick", "--once")
            .And.ContainInOrder("--host-root", "/hostroot");
        install["volumeMounts"]!.AsArray().Select(m => m!["mountPath"]!.GetValue<string>()).Should().Equal("/opt/cni/bin", "/hostroot");
        Mount(install, "/hostroot")["readOnly"]!.GetValue<bool>().Should().BeTrue("the check only runs the copied binary there");
    }

    [Fact]
    public void Render_Thick_DaemonConfigMatchesTheMountsAndReads()
    {
        var rendered = RenderedManifests.Render("thick");
        var pod = PodSpec(rendered);
        var configMap = rendered.Single("ConfigMap");
        var volume = pod["volumes"]!.AsArray().Single(v => v!["configMap"] is not null)!;
        volume["configMap"]!["name"]!.GetValue<string>().Should().Be(RenderedManifests.Name(configMap));

        var daemonConfig = JsonNode.Parse(configMap["data"]!["daemon.json"]!.GetValue<string>())!.AsObject();
        var socketDir = daemonConfig["socketDir"]!.GetValue<string>();
        var cniConfig = CniConfigOptionsReader.FromDaemonConfig(daemonConfig, socketDir)!;
        cniConfig.Removal.Should().Be(ConfigRemoval.OnUninstall);

        var mounts = HostMounts(pod).Select(m => m.MountPath).ToList();
        mounts.Should().Contain(socketDir).And.Contain(cniConfig.ConfDir);
        HostMounts(pod).Should().Contain(("/", daemonConfig["chrootDir"]!.GetValue<string>()), "delegates run in the host's root");
        pod["terminationGracePeriodSeconds"]!.GetValue<int>().Should().BeGreaterThan(daemonConfig["shutdownGraceSeconds"]!.GetValue<int>());
        var daemon = pod["containers"]![0]!;
        Strings(daemon["command"]).Should().Contain("/etc/multinet/daemon.json");
        Env(daemon, "NODE_NAME")["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>().Should().Be("spec.nodeName");
    }

    [Fact]
    public void Render_Thin_KeepsFilesCurrentWithItsMountsAndTriesTheBinaryInTheHostRoot()
    {
        var pod = PodSpec(RenderedManifests.Render("thin"));

        pod["hostPID"]?.GetValue<bool>().Should().NotBe(true);
        HostMounts(pod).Select(m => m.HostPath).Should().BeEquivalentTo("/etc/cni/net.d", "/opt/cni/bin", "/");
        var install = pod["containers"]!.AsArray().Should().ContainSingle().Subject!;
        Strings(install["command"]).Should().ContainInOrder("install", "--mode", "thin").And.Contain("--cleanup-on-uninstall").And.NotContain("--once")
            .And.ContainInOrder("--host-root", "/hostroot");
        Mount(install, "/hostroot")["readOnly"]!.GetValue<bool>().Should().BeTrue("the host's / is only where the copied binary is tried");
    }

    [Fact]
    public void Render_Thick_ProbesAskTheDaemonOnItsMetricsListener()
    {
        var rendered = RenderedManifests.Render("thick");
        var daemon = PodSpec(rendered)["containers"]![0]!;
        var daemonConfig = JsonNode.Parse(rendered.Single("ConfigMap")["data"]!["daemon.json"]!.GetValue<string>())!;
        var listener = System.Net.IPEndPoint.Parse(daemonConfig["metricsAddress"]!.GetValue<string>());

        var port = daemon["ports"]!.AsArray().Should().ContainSingle().Subject!;
        port["name"]!.GetValue<string>().Should().Be("metrics");
        port["containerPort"]!.GetValue<int>().Should().Be(listener.Port);
        port["hostPort"]!.GetValue<int>().Should().Be(listener.Port);
        listener.Address.Should().Be(System.Net.IPAddress.Any, "kubelet probes a hostNetwork pod on the node's address");
        daemon["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>().Should().Be("/readyz");
        daemon["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>().Should().Be("metrics");
        daemon["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>().Should().Be("/healthz");
        daemon["livenessProbe"]!["httpGet"]!["port"]!.GetValue<string>().Should().Be("metrics");
    }

    [Fact]
    public void Render_Thin_ReadinessChecksTheInstallWithoutChangingIt()
    {
        var container = PodSpec(RenderedManifests.Render("thin"))["containers"]![0]!;

        var probe = Strings(container["readinessProbe"]!["exec"]!["command"]).ToList();
        probe.Should().Equal(Strings(container["command"]).Take(4).Append("--check"), "the same binary and mode as the container, checking only");
    }

    [Fact]
    public void Render_Monitoring_PodMonitorSelectsTheThickPodsMetricsPort()
    {
        var podMonitor = RenderedManifests.Render("monitoring").Single("PodMonitor");
        var thick = RenderedManifests.Render("thick").Single("DaemonSet");

        var labels = thick["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        podMonitor["spec"]!["selector"]!["matchLabels"]!.AsObject()
            .Should().OnlyContain(l => labels.ContainsKey(l.Key) && labels[l.Key]!.GetValue<string>() == l.Value!.GetValue<string>());
        podMonitor["spec"]!["podMetricsEndpoints"]![0]!["port"]!.GetValue<string>().Should().Be("metrics");
        podMonitor["metadata"]!["namespace"]!.GetValue<string>().Should().Be(thick["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("thick")]
    [InlineData("thin")]
    [InlineData("controller")]
    public void Render_OneImagesEdit_ChangesEveryContainerImage(string variant)
    {
        var plain = RenderedManifests.Render(variant);
        var edited = RenderedManifests.RenderWithImage(variant, "registry.example.com/net/multinet", "1.2.3");

        Images(plain).Should().NotBeEmpty().And.OnlyContain(i => i == "localhost/multinet");
        Images(edited).Should().HaveCount(Images(plain).Count).And.OnlyContain(i => i == "registry.example.com/net/multinet:1.2.3");
    }

    private static List<string> Images(RenderedManifests rendered) =>
        [.. rendered.Objects.Where(o => RenderedManifests.Kind(o) is "DaemonSet" or "Deployment")
            .SelectMany(o => (o["spec"]!["template"]!["spec"]!["containers"]!.AsArray()).Concat(o["spec"]!["template"]!["spec"]!["initContainers"]?.AsArray() ?? []))
            .Select(c => c!["image"]!.GetValue<string>())];

    private static JsonObject PodSpec(RenderedManifests rendered) =>
        rendered.Single("DaemonSet")["spec"]!["template"]!["spec"]!.AsObject();

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    private static JsonNode Env(JsonNode container, string name) =>
        container["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == name)!;

    private static JsonNode Mount(JsonNode container, string path) =>
        container["volumeMounts"]!.AsArray().Single(m => m!["mountPath"]!.GetValue<string>() == path)!;

    /// <summary>Every hostPath volume with where each container mounts it.</summary>
    private static List<(string HostPath, string MountPath)> HostMounts(JsonObject pod)
    {
        var hostPaths = pod["volumes"]!.AsArray()
            .Where(v => v!["hostPath"] is not null)
            .ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!["hostPath"]!["path"]!.GetValue<string>());
        var containers = (pod["containers"]?.AsArray() ?? []).Concat(pod["initContainers"]?.AsArray() ?? []);
        return [.. containers
            .SelectMany(c => c!["volumeMounts"]!.AsArray())
            .Where(m => hostPaths.ContainsKey(m!["name"]!.GetValue<string>()))
            .Select(m => (hostPaths[m!["name"]!.GetValue<string>()], m!["mountPath"]!.GetValue<string>()))
            .Distinct()];
    }
}
