using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;

namespace MultiNet.Kubernetes.Tests.Manifests;

public sealed class ManifestFolderTests : IDisposable
{
    private readonly TempManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Load_MultiDocumentYaml_KeepsNadsAndPodsAndIgnoresOtherKinds()
    {
        _dir.Write("networks.yaml", SampleManifests.BridgeMacvlanConflist);

        var folder = ManifestFolder.Load([_dir.Path]);

        folder.Networks.Select(n => $"{n.Namespace}/{n.Name}").Should().Equal("default/bridge-net", "team-a/macvlan-a", "default/tuned");
        folder.Pods.Select(p => $"{p.Namespace}/{p.Name}").Should().Equal("default/web");

        var bridge = await folder.GetAsync("default", "bridge-net", CancellationToken.None);
        var bridgeConfig = JsonNode.Parse(bridge!.Config!)!;
        bridgeConfig["type"]!.GetValue<string>().Should().Be("bridge");
        bridgeConfig["ipam"]!["type"]!.GetValue<string>().Should().Be("host-local");
        bridge.ResourceName.Should().BeNull();
    }

    [Fact]
    public async Task GetAsync_NadWithResourceNameAnnotation_ReturnsResourceNameAndConfig()
    {
        _dir.Write("networks.yaml", SampleManifests.BridgeMacvlanConflist);
        var folder = ManifestFolder.Load([_dir.Path]);

        var macvlan = await folder.GetAsync("team-a", "macvlan-a", CancellationToken.None);

        macvlan!.ResourceName.Should().Be("example.com/macvlan");
        JsonNode.Parse(macvlan.Config!)!["master"]!.GetValue<string>().Should().Be("mnbr1");
    }

    [Fact]
    public async Task GetAsync_ConflistInFoldedScalar_KeepsEveryPlugin()
    {
        _dir.Write("networks.yaml", SampleManifests.BridgeMacvlanConflist);
        var folder = ManifestFolder.Load([_dir.Path]);

        var tuned = await folder.GetAsync("default", "tuned", CancellationToken.None);

        var plugins = JsonNode.Parse(tuned!.Config!)!["plugins"]!.AsArray();
        plugins.Select(p => p!["type"]!.GetValue<string>()).Should().Equal("bridge", "tuning");
    }

    [Fact]
    public async Task GetPodAsync_YamlPodWithoutUid_ReturnsAnnotationsAndStableUid()
    {
        _dir.Write("networks.yaml", SampleManifests.BridgeMacvlanConflist);

        var first = await ManifestFolder.Load([_dir.Path]).GetPodAsync("default", "web", CancellationToken.None);
        var second = await ManifestFolder.Load([_dir.Path]).GetPodAsync("default", "web", CancellationToken.None);

        first!.Annotations["k8s.v1.cni.cncf.io/networks"].Should().Be("bridge-net, team-a/macvlan-a@data0");
        Guid.TryParse(first.Uid, out _).Should().BeTrue();
        second!.Uid.Should().Be(first.Uid);
    }

    [Fact]
    public async Task GetPodAsync_JsonManifestWithUid_ReturnsItsUid()
    {
        _dir.Write("db.json", SampleManifests.PodJson);

        var pod = await ManifestFolder.Load([_dir.Path]).GetPodAsync("team-a", "db", CancellationToken.None);

        pod!.Uid.Should().Be("3f1c2a9e-0000-4000-8000-000000000001");
        pod.Annotations["k8s.v1.cni.cncf.io/networks"].Should().Contain("\"interface\": \"data0\"");
    }

    [Fact]
    public void Load_ListKind_ReadsItemsAndSkipsOtherKinds()
    {
        _dir.Write("list.yml", SampleManifests.List);

        var folder = ManifestFolder.Load([_dir.Path]);

        folder.Networks.Should().ContainSingle().Which.Should().Match<NetworkPlumbing.Definitions.NetworkAttachmentDefinition>(
            n => n.Namespace == "lists" && n.Name == "from-list" && n.Config == null);
        folder.Pods.Should().ContainSingle().Which.Name.Should().Be("listed-pod");
    }

    [Fact]
    public void Load_TypedListFromTheApi_InfersKindOfItems()
    {
        _dir.Write("nads.json", """
            { "apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinitionList",
              "items": [ { "metadata": { "name": "a", "namespace": "x" }, "spec": { "config": "{}" } } ] }
            """);

        var folder = ManifestFolder.Load([_dir.Path]);

        folder.Networks.Should().ContainSingle().Which.Name.Should().Be("a");
    }

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        _dir.Write("networks.yaml", SampleManifests.BridgeMacvlanConflist);
        var folder = ManifestFolder.Load([_dir.Path]);

        (await folder.GetAsync("team-a", "bridge-net", CancellationToken.None)).Should().BeNull();
        (await folder.GetPodAsync("default", "nope", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public void Load_Directory_ReadsManifestFilesInNameOrderAndSkipsOthers()
    {
        _dir.Write("b.yaml", SampleManifests.Bridge("second"));
        _dir.Write("a.yml", SampleManifests.Bridge("first"));
        _dir.Write("c.json", """{"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition","metadata":{"name":"third"}}""");
        _dir.Write("README.md", "apiVersion: nonsense: [");

        var folder = ManifestFolder.Load([_dir.Path]);

        folder.Networks.Select(n => n.Name).Should().Equal("first", "second", "third");
    }

    [Fact]
    public void Load_SameFileTwice_ReadsItOnce()
    {
        var file = _dir.Write("a.yaml", SampleManifests.Bridge("only"));

        var folder = ManifestFolder.Load([file, _dir.Path]);

        folder.Networks.Should().ContainSingle();
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_KnownPod_KeepsJsonAndUpdatesAnnotation()
    {
        _dir.Write("networks.yaml", SampleManifests.BridgeMacvlanConflist);
        var folder = ManifestFolder.Load([_dir.Path]);
        var pod = (await folder.GetPodAsync("default", "web", CancellationToken.None))!;
        const string status = """[{"name":"cluster","default":true}]""";

        await folder.WriteNetworkStatusAsync(pod, status, CancellationToken.None);

        folder.LastNetworkStatus("default", "web").Should().Be(status);
        (await folder.GetPodAsync("default", "web", CancellationToken.None))!.Annotations["k8s.v1.cni.cncf.io/network-status"].Should().Be(status);
        pod.Annotations.Should().NotContainKey("k8s.v1.cni.cncf.io/network-status");
        folder.LastNetworkStatus("default", "other").Should().BeNull();
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_PodNotInManifests_StillKeepsJson()
    {
        var folder = ManifestFolder.Load([]);

        await folder.WriteNetworkStatusAsync(new PodInfo { Namespace = "ns", Name = "adhoc" }, "[]", CancellationToken.None);

        folder.LastNetworkStatus("ns", "adhoc").Should().Be("[]");
        folder.Pods.Should().BeEmpty();
    }

    [Fact]
    public async Task RecordAsync_Events_KeptInOrder()
    {
        var folder = ManifestFolder.Load([]);
        var pod = new PodInfo { Namespace = "ns", Name = "p" };

        await folder.RecordAsync(pod, new PodEvent("Normal", "AddedInterface", "net1 added"), CancellationToken.None);
        await folder.RecordAsync(pod, new PodEvent("Warning", "NoNetworkFound", "missing"), CancellationToken.None);

        folder.Events.Select(e => e.Event.Reason).Should().Equal("AddedInterface", "NoNetworkFound");
        folder.Events[0].Pod.Should().Be(pod);
    }
}
