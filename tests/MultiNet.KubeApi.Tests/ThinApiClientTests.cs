using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Cluster;
using MultiNet.KubeApi;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class ThinApiClientTests : IAsyncLifetime
{
    private const string StatusKey = "k8s.v1.cni.cncf.io/network-status";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("thin-api-");
    private readonly RecordingLogger _logger = new();
    private KubeApiStandIn _api = null!;
    private ThinApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync();
        _client = new ThinApiClient(KubeconfigFile.Load(_api.WriteKubeconfig(_dir.FullName)), logger: _logger);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task GetPodAsync_Existing_ReturnsUidAndAnnotationsWithOneGet()
    {
        _api.AddPod("ns1", "web", new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "net-a" }, nodeName: "n1", uid: "uid-7");

        var pod = await _client.GetPodAsync("ns1", "web", CancellationToken.None);

        pod.Should().BeEquivalentTo(new PodInfo
        {
            Namespace = "ns1",
            Name = "web",
            Uid = "uid-7",
            Annotations = new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "net-a" },
        });
        _api.Requests.Should().ContainSingle().Which.Path.Should().Be("/api/v1/namespaces/ns1/pods/web");
    }

    [Fact]
    public async Task GetPodAsync_Missing_ReturnsNullWithOneGet()
    {
        var pod = await _client.GetPodAsync("ns1", "absent", CancellationToken.None);

        pod.Should().BeNull();
        _api.Count("GET", "/pods/absent").Should().Be(1);
        _api.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetPodAsync_NoAnnotations_ReturnsEmptyAnnotations()
    {
        _api.AddPod("ns1", "bare");

        var pod = await _client.GetPodAsync("ns1", "bare", CancellationToken.None);

        pod!.Annotations.Should().BeEmpty();
        pod.Uid.Should().NotBeEmpty();
    }

    [Fact]
    public async Task GetAsync_NadWithResourceName_ReturnsConfigAndResourceNameWithOneGet()
    {
        const string config = """{"cniVersion":"1.0.0","type":"host-device"}""";
        _api.AddNad("ns1", "sriov", config, resourceName: "intel.com/sriov_vf");

        var nad = await _client.GetAsync("ns1", "sriov", CancellationToken.None);

        nad.Should().NotBeNull();
        nad!.Namespace.Should().Be("ns1");
        nad.Name.Should().Be("sriov");
        nad.Config.Should().Be(config);
        nad.ResourceName.Should().Be("intel.com/sriov_vf");
        _api.Requests.Should().ContainSingle().Which.Path.Should().Be("/apis/k8s.cni.cncf.io/v1/namespaces/ns1/network-attachment-definitions/sriov");
    }

    [Fact]
    public async Task GetAsync_NadWithoutConfig_HasNullConfigAndResourceName()
    {
        _api.AddNad("ns1", "from-file", config: null);

        var nad = await _client.GetAsync("ns1", "from-file", CancellationToken.None);

        nad!.Config.Should().BeNull();
        nad.ResourceName.Should().BeNull();
    }

    [Fact]
    public async Task GetAsync_MissingNad_ReturnsNull()
    {
        (await _client.GetAsync("ns1", "absent", CancellationToken.None)).Should().BeNull();
        _api.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_OnePatch_SetsAnnotationAndKeepsOthers()
    {
        _api.AddPod("ns1", "web", new Dictionary<string, string> { ["other"] = "kept", [StatusKey] = "[]" }, uid: "u1");
        var pod = new PodInfo { Namespace = "ns1", Name = "web", Uid = "u1" };
        const string status = """[{"name":"cbr0","interface":"eth0","ips":["10.1.0.5"],"default":true,"dns":{}}]""";

        await _client.WriteNetworkStatusAsync(pod, status, CancellationToken.None);

        _api.GetPodAnnotation("ns1", "web", StatusKey).Should().Be(status);
        _api.GetPodAnnotation("ns1", "web", "other").Should().Be("kept");
        var request = _api.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("PATCH");
        request.Path.Should().Be("/api/v1/namespaces/ns1/pods/web/status");
        request.ContentType.Should().Be("application/merge-patch+json");
        JsonNode.Parse(request.Body)!["metadata"]!["annotations"]![StatusKey]!.GetValue<string>().Should().Be(status);
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_PodGone_IsNotAnError()
    {
        var pod = new PodInfo { Namespace = "ns1", Name = "gone", Uid = "u1" };

        await _client.WriteNetworkStatusAsync(pod, "[]", CancellationToken.None);

        _api.Requests.Should().ContainSingle().Which.StatusCode.Should().Be(404);
        _logger.Entries.Should().Contain(e => e.Id.Id == 701);
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_PodReplacedUnderSameName_LeavesTheNewPodAlone()
    {
        _api.AddPod("ns1", "web", uid: "new-uid");
        var stale = new PodInfo { Namespace = "ns1", Name = "web", Uid = "old-uid" };

        await _client.WriteNetworkStatusAsync(stale, "[]", CancellationToken.None);

        _api.GetPodAnnotation("ns1", "web", StatusKey).Should().BeNull();
        _logger.Entries.Should().Contain(e => e.Id.Id == 702);
    }

    [Fact]
    public async Task RecordAsync_OnePost_RecordsEventOnThePod()
    {
        var pod = new PodInfo { Namespace = "ns1", Name = "web", Uid = "u1" };

        await _client.RecordAsync(pod, new PodEvent("Normal", "AddedInterface", "Add net1 [10.2.0.4/24] from ns1/net-a"), CancellationToken.None);

        var stored = _api.Events.Should().ContainSingle().Subject;
        stored["reason"]!.GetValue<string>().Should().Be("AddedInterface");
        stored["type"]!.GetValue<string>().Should().Be("Normal");
        stored["message"]!.GetValue<string>().Should().Be("Add net1 [10.2.0.4/24] from ns1/net-a");
        stored["count"]!.GetValue<int>().Should().Be(1);
        stored["source"]!["component"]!.GetValue<string>().Should().Be("multinet");
        stored["involvedObject"]!["kind"]!.GetValue<string>().Should().Be("Pod");
        stored["involvedObject"]!["uid"]!.GetValue<string>().Should().Be("u1");
        stored["involvedObject"]!["name"]!.GetValue<string>().Should().Be("web");
        stored["metadata"]!["name"]!.GetValue<string>().Should().MatchRegex("^web\\.[0-9a-f]+$");
        stored["firstTimestamp"]!.GetValue<string>().Should().MatchRegex("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
        _api.Requests.Should().ContainSingle().Which.Path.Should().Be("/api/v1/namespaces/ns1/events");
    }

    [Fact]
    public async Task RecordAsync_TwoEventsAtOnce_GetDistinctNames()
    {
        var pod = new PodInfo { Namespace = "ns1", Name = "web" };

        await Task.WhenAll(
            _client.RecordAsync(pod, new PodEvent("Normal", "A", "a"), CancellationToken.None),
            _client.RecordAsync(pod, new PodEvent("Normal", "B", "b"), CancellationToken.None));

        _api.Events.Select(e => (string?)e["reason"]).Should().BeEquivalentTo(["A", "B"]);
    }

    [Fact]
    public async Task RecordAsync_ApiRefuses_IsSwallowedAndLogged()
    {
        _api.InjectFault(_ => Fault.Status(403, "events is forbidden"));
        var pod = new PodInfo { Namespace = "ns1", Name = "web" };

        var act = () => _client.RecordAsync(pod, new PodEvent("Warning", "NoNetworkFound", "x"), CancellationToken.None);

        await act.Should().NotThrowAsync();
        _logger.Entries.Should().ContainSingle(e => e.Id.Id == 703).Which.Message.Should().Contain("events is forbidden");
    }

    [Fact]
    public async Task RecordAsync_ApiDown_IsSwallowedAndLogged()
    {
        await _api.StopAsync();
        using var client = new ThinApiClient(KubeconfigFile.Load(Path.Combine(_dir.FullName, "kubeconfig")),
            new ThinApiClientOptions { InitialBackoff = TimeSpan.FromMilliseconds(1) }, logger: _logger);

        var act = () => client.RecordAsync(new PodInfo { Namespace = "a", Name = "b" }, new PodEvent("Normal", "R", "m"), CancellationToken.None);

        await act.Should().NotThrowAsync();
        _logger.Entries.Should().Contain(e => e.Id.Id == 703 && e.Message.Contains("connection refused"));
    }
}
