using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Api;

namespace MultiNet.Kubernetes.Tests.Api;

public sealed class KubernetesApiAccessTests : StandInFixture
{
    private const string Networks = "k8s.v1.cni.cncf.io/networks";
    private const string NetworkStatus = "k8s.v1.cni.cncf.io/network-status";
    private const string BridgeConfig = """{"cniVersion":"1.0.0","name":"br","type":"bridge","bridge":"mnbr0","ipam":{"type":"host-local","subnet":"198.18.50.0/24"}}""";

    [Fact]
    public async Task GetPodAsync_ExistingPod_ReturnsUidAndAnnotations()
    {
        Api.AddPod("team-a", "web", new Dictionary<string, string> { [Networks] = "br, macvlan@data0" }, nodeName: "node-1", uid: "0b6c1f4e-1111-4a2b-9c3d-000000000001");

        var pod = await Access.GetPodAsync("team-a", "web", CancellationToken.None);

        pod.Should().NotBeNull();
        pod!.Namespace.Should().Be("team-a");
        pod.Name.Should().Be("web");
        pod.Uid.Should().Be("0b6c1f4e-1111-4a2b-9c3d-000000000001");
        pod.Annotations.Should().Contain(Networks, "br, macvlan@data0");
        Api.Count("GET", "/api/v1/namespaces/team-a/pods/web").Should().Be(1);
    }

    [Fact]
    public async Task GetPodAsync_MissingPod_ReturnsNull()
    {
        var pod = await Access.GetPodAsync("default", "absent", CancellationToken.None);

        pod.Should().BeNull();
        Api.Count("GET", "/pods/absent").Should().Be(1);
    }

    [Fact]
    public async Task GetAsync_NadWithResourceName_ReturnsConfigAndResourceName()
    {
        Api.AddNad("team-a", "sriov-a", BridgeConfig, resourceName: "example.com/sriov_a");

        var nad = await Access.GetAsync("team-a", "sriov-a", CancellationToken.None);

        nad.Should().NotBeNull();
        nad!.Namespace.Should().Be("team-a");
        nad.Name.Should().Be("sriov-a");
        nad.ResourceName.Should().Be("example.com/sriov_a");
        JsonNode.DeepEquals(JsonNode.Parse(nad.Config!), JsonNode.Parse(BridgeConfig)).Should().BeTrue();
        Api.Count("GET", "/apis/k8s.cni.cncf.io/v1/namespaces/team-a/network-attachment-definitions/sriov-a").Should().Be(1);
    }

    [Fact]
    public async Task GetAsync_NadWithoutConfig_ReturnsNullConfig()
    {
        Api.AddNad("default", "from-file", config: null);

        var nad = await Access.GetAsync("default", "from-file", CancellationToken.None);

        nad!.Config.Should().BeNull();
        nad.ResourceName.Should().BeNull();
    }

    [Fact]
    public async Task GetAsync_MissingNad_ReturnsNull()
    {
        Api.AddNad("other", "br", BridgeConfig);

        var nad = await Access.GetAsync("default", "br", CancellationToken.None);

        nad.Should().BeNull();
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_ExistingPod_OneMergePatchTouchingOnlyThatAnnotation()
    {
        Api.AddPod("default", "web", new Dictionary<string, string> { [Networks] = "br", ["team"] = "a" }, uid: "u-1");
        var pod = (await Access.GetPodAsync("default", "web", CancellationToken.None))!;
        const string status = """[{"name":"cluster","interface":"eth0","ips":["10.0.0.5"],"default":true}]""";

        await Access.WriteNetworkStatusAsync(pod, status, CancellationToken.None);

        Api.GetPodAnnotation("default", "web", NetworkStatus).Should().Be(status);
        Api.GetPodAnnotation("default", "web", Networks).Should().Be("br");
        Api.GetPodAnnotation("default", "web", "team").Should().Be("a");
        var patch = Api.Requests.Should().ContainSingle(r => r.Method == "PATCH").Which;
        patch.Path.Should().Be("/api/v1/namespaces/default/pods/web/status");
        patch.ContentType.Should().StartWith("application/merge-patch+json");
        var body = JsonNode.Parse(patch.Body)!.AsObject();
        body.Select(p => p.Key).Should().Equal("metadata");
        body["metadata"]!.AsObject().Select(p => p.Key).Should().Equal("annotations");
        body["metadata"]!["annotations"]!.AsObject().Select(p => p.Key).Should().Equal(NetworkStatus);
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_PodGone_IsNotAnError()
    {
        var gone = new PodInfo { Namespace = "default", Name = "gone", Uid = "u-2" };

        await Access.WriteNetworkStatusAsync(gone, "[]", CancellationToken.None);

        Api.Count("PATCH", "/pods/gone/status").Should().Be(1);
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_ApiUnavailable_ThrowsTryAgainLater()
    {
        Api.AddPod("default", "web");
        Api.FailNext(1, 503, "/pods/web/status");

        var act = () => Access.WriteNetworkStatusAsync(new PodInfo { Namespace = "default", Name = "web" }, "[]", CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.TryAgainLater);
    }

    [Fact]
    public async Task RecordAsync_Event_CreatedOnThePodWithSourceAndReason()
    {
        Api.AddPod("team-a", "web", uid: "u-3");
        var pod = (await Access.GetPodAsync("team-a", "web", CancellationToken.None))!;
        var access = new KubernetesApiAccess(Client) { Host = "node-1" };

        await access.RecordAsync(pod, new PodEvent("Normal", "AddedInterface", "Add net1 [198.18.50.2/24] from team-a/br"), CancellationToken.None);

        var recorded = Api.Events.Should().ContainSingle().Which;
        recorded["metadata"]!["namespace"]!.GetValue<string>().Should().Be("team-a");
        recorded["involvedObject"]!["kind"]!.GetValue<string>().Should().Be("Pod");
        recorded["involvedObject"]!["name"]!.GetValue<string>().Should().Be("web");
        recorded["involvedObject"]!["uid"]!.GetValue<string>().Should().Be("u-3");
        recorded["type"]!.GetValue<string>().Should().Be("Normal");
        recorded["reason"]!.GetValue<string>().Should().Be("AddedInterface");
        recorded["message"]!.GetValue<string>().Should().Be("Add net1 [198.18.50.2/24] from team-a/br");
        recorded["source"]!["component"]!.GetValue<string>().Should().Be("multinet");
        recorded["source"]!["host"]!.GetValue<string>().Should().Be("node-1");
    }

    [Fact]
    public async Task RecordAsync_TwoEventsAtOnce_BothCreated()
    {
        var pod = new PodInfo { Namespace = "default", Name = "web" };

        await Task.WhenAll(
            Access.RecordAsync(pod, new PodEvent("Normal", "AddedInterface", "net1"), CancellationToken.None),
            Access.RecordAsync(pod, new PodEvent("Normal", "AddedInterface", "net2"), CancellationToken.None));

        Api.Events.Select(e => e["message"]!.GetValue<string>()).Should().BeEquivalentTo("net1", "net2");
    }

    [Fact]
    public async Task RecordAsync_ApiRefuses_DoesNotThrow()
    {
        Api.FailNext(1, 403, "/events");

        var act = () => Access.RecordAsync(new PodInfo { Namespace = "default", Name = "web" }, new PodEvent("Warning", "NoNetworkFound", "x"), CancellationToken.None);

        await act.Should().NotThrowAsync();
        Api.Events.Should().BeEmpty();
    }
}
