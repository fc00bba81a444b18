using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class KubeApiStandInTests : IAsyncLifetime
{
    private KubeApiStandIn _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync();
        _http = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _api.Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Get_MissingPod_Returns404WithStatusBody()
    {
        var response = await _http.GetAsync("/api/v1/namespaces/default/pods/x");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var status = await Body(response);
        status["kind"]!.GetValue<string>().Should().Be("Status");
        status["apiVersion"]!.GetValue<string>().Should().Be("v1");
        status["status"]!.GetValue<string>().Should().Be("Failure");
        status["message"]!.GetValue<string>().Should().Be("pods \"x\" not found");
        status["reason"]!.GetValue<string>().Should().Be("NotFound");
        status["details"]!["name"]!.GetValue<string>().Should().Be("x");
        status["details"]!["kind"]!.GetValue<string>().Should().Be("pods");
        status["code"]!.GetValue<int>().Should().Be(404);
    }

    [Fact]
    public async Task Get_MissingNad_NamesTheQualifiedResource()
    {
        var status = await Body(await _http.GetAsync("/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions/n"));

        status["message"]!.GetValue<string>().Should().Be("network-attachment-definitions.k8s.cni.cncf.io \"n\" not found");
        status["details"]!["group"]!.GetValue<string>().Should().Be("k8s.cni.cncf.io");
    }

    [Fact]
    public async Task Get_WithoutToken_Returns401Status()
    {
        _api.AddPod("default", "a");
        using var anonymous = new HttpClient { BaseAddress = _api.BaseAddress };

        var response = await anonymous.GetAsync("/api/v1/namespaces/default/pods/a");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Body(response))["reason"]!.GetValue<string>().Should().Be("Unauthorized");
    }

    [Fact]
    public async Task Get_ExistingPod_ReturnsUidResourceVersionAndAnnotations()
    {
        var stored = _api.AddPod("ns1", "a", new Dictionary<string, string> { ["k"] = "v" }, nodeName: "node1", uid: "uid-1");

        var pod = await Body(await _http.GetAsync("/api/v1/namespaces/ns1/pods/a"));

        pod["kind"]!.GetValue<string>().Should().Be("Pod");
        pod["metadata"]!["uid"]!.GetValue<string>().Should().Be("uid-1");
        pod["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be((string?)stored["metadata"]!["resourceVersion"]);
        pod["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().EndWith("Z");
        pod["metadata"]!["annotations"]!["k"]!.GetValue<string>().Should().Be("v");
        pod["spec"]!["nodeName"]!.GetValue<string>().Should().Be("node1");
    }

    [Fact]
    public async Task AddPod_WithoutUid_GetsFreshGuidAndIncreasingResourceVersions()
    {
        var a = _api.AddPod("default", "a");
        var b = _api.AddPod("default", "b");

        Guid.TryParse((string?)a["metadata"]!["uid"], out _).Should().BeTrue();
        long.Parse((string)b["metadata"]!["resourceVersion"]!).Should().BeGreaterThan(long.Parse((string)a["metadata"]!["resourceVersion"]!));
    }

    [Theory]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/strategic-merge-patch+json")]
    public async Task Patch_MergeKinds_SetAnnotationAndKeepOthers(string contentType)
    {
        _api.AddPod("default", "a", new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" });
        var patch = """{"metadata":{"annotations":{"new":"3","drop":null}}}""";

        var response = await Send(HttpMethod.Patch, "/api/v1/namespaces/default/pods/a/status", patch, contentType);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _api.GetPodAnnotation("default", "a", "keep").Should().Be("1");
        _api.GetPodAnnotation("default", "a", "new").Should().Be("3");
        _api.GetPodAnnotation("default", "a", "drop").Should().BeNull();
    }

    [Fact]
    public async Task Patch_JsonPatch_AddsReplacesAndRemoves()
    {
        _api.AddPod("default", "a", new Dictionary<string, string> { ["x/y"] = "1", ["gone"] = "2" });
        var patch = """
            [{"op":"replace","path":"/metadata/annotations/x~1y","value":"9"},
             {"op":"add","path":"/metadata/annotations/added","value":"4"},
             {"op":"remove","path":"/metadata/annotations/gone"}]
            """;

        var response = await Send(HttpMethod.Patch, "/api/v1/namespaces/default/pods/a", patch, "application/json-patch+json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _api.GetPodAnnotation("default", "a", "x/y").Should().Be("9");
        _api.GetPodAnnotation("default", "a", "added").Should().Be("4");
        _api.GetPodAnnotation("default", "a", "gone").Should().BeNull();
    }

    [Fact]
    public async Task Patch_JsonPatchRemovingMissingPath_Returns422()
    {
        _api.AddPod("default", "a");

        var response = await Send(HttpMethod.Patch, "/api/v1/namespaces/default/pods/a",
            """[{"op":"remove","path":"/metadata/annotations/none"}]""", "application/json-patch+json");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Patch_StaleResourceVersionInBody_Returns409()
    {
        _api.AddPod("default", "a");

        var response = await Send(HttpMethod.Patch, "/api/v1/namespaces/default/pods/a",
            """{"metadata":{"resourceVersion":"1","labels":{"a":"b"}}}""", "application/merge-patch+json");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Patch_UidOfAnotherPod_Returns409AndChangesNothing()
    {
        _api.AddPod("default", "a", uid: "current");

        var response = await Send(HttpMethod.Patch, "/api/v1/namespaces/default/pods/a/status",
            """{"metadata":{"uid":"previous","annotations":{"k":"v"}}}""", "application/merge-patch+json");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Body(response))["message"]!.GetValue<string>().Should().Contain("Precondition failed: UID in precondition: previous");
        _api.GetPodAnnotation("default", "a", "k").Should().BeNull();
    }

    [Fact]
    public async Task Put_StaleResourceVersion_Returns409Conflict()
    {
        var pod = _api.AddPod("default", "a");
        _api.SetPodAnnotation("default", "a", "k", "v");

        var response = await Send(HttpMethod.Put, "/api/v1/namespaces/default/pods/a", pod.ToJsonString(), "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var status = await Body(response);
        status["reason"]!.GetValue<string>().Should().Be("Conflict");
        status["message"]!.GetValue<string>().Should().Contain("the object has been modified");
    }

    [Fact]
    public async Task Put_CurrentResourceVersion_ReplacesAndBumpsVersion()
    {
        var pod = _api.AddPod("default", "a");
        pod["metadata"]!["labels"] = new JsonObject { ["app"] = "x" };

        var response = await Send(HttpMethod.Put, "/api/v1/namespaces/default/pods/a", pod.ToJsonString(), "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = _api.GetObject("Pod", "default", "a")!;
        stored["metadata"]!["labels"]!["app"]!.GetValue<string>().Should().Be("x");
        stored["metadata"]!["resourceVersion"]!.GetValue<string>().Should().NotBe((string?)pod["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task List_FieldSelectorNodeName_ReturnsOnlyThatNodesPods()
    {
        _api.AddPod("a", "p1", nodeName: "n1");
        _api.AddPod("b", "p2", nodeName: "n1");
        _api.AddPod("a", "p3", nodeName: "n2");

        var all = await Body(await _http.GetAsync("/api/v1/pods?fieldSelector=spec.nodeName%3Dn1&limit=500"));
        var ns = await Body(await _http.GetAsync("/api/v1/namespaces/a/pods?fieldSelector=metadata.name%3Dp3"));

        all["kind"]!.GetValue<string>().Should().Be("PodList");
        all["apiVersion"]!.GetValue<string>().Should().Be("v1");
        all["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be(_api.ResourceVersion);
        Names(all).Should().Equal("p1", "p2");
        Names(ns).Should().Equal("p3");
    }

    [Fact]
    public async Task Nads_CreateGetListDelete_WorkNamespacedAndClusterWide()
    {
        _api.AddNad("a", "net1", """{"cniVersion":"1.0.0","type":"bridge"}""", resourceName: "example.com/dev");
        var created = await Send(HttpMethod.Post, "/apis/k8s.cni.cncf.io/v1/namespaces/b/network-attachment-definitions",
            """{"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition","metadata":{"name":"net2"},"spec":{}}""", "application/json");

        var one = await Body(await _http.GetAsync("/apis/k8s.cni.cncf.io/v1/namespaces/a/network-attachment-definitions/net1"));
        var all = await Body(await _http.GetAsync("/apis/k8s.cni.cncf.io/v1/network-attachment-definitions"));
        var deleted = await _http.DeleteAsync("/apis/k8s.cni.cncf.io/v1/namespaces/b/network-attachment-definitions/net2");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        one["spec"]!["config"]!.GetValue<string>().Should().Contain("bridge");
        one["metadata"]!["annotations"]!["k8s.v1.cni.cncf.io/resourceName"]!.GetValue<string>().Should().Be("example.com/dev");
        all["kind"]!.GetValue<string>().Should().Be("NetworkAttachmentDefinitionList");
        Names(all).Should().Equal("net1", "net2");
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        _api.GetObject("NetworkAttachmentDefinition", "b", "net2").Should().BeNull();
    }

    [Fact]
    public async Task Post_ExistingName_Returns409AlreadyExists()
    {
        _api.AddNad("a", "net1", null);

        var response = await Send(HttpMethod.Post, "/apis/k8s.cni.cncf.io/v1/namespaces/a/network-attachment-definitions",
            """{"metadata":{"name":"net1"},"spec":{}}""", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Body(response))["reason"]!.GetValue<string>().Should().Be("AlreadyExists");
    }

    [Theory]
    [InlineData("/api/v1/namespaces/ns1/events")]
    [InlineData("/apis/events.k8s.io/v1/namespaces/ns1/events")]
    public async Task PostEvent_BothApiGroups_AppearInEvents(string path)
    {
        var response = await Send(HttpMethod.Post, path,
            """{"metadata":{"generateName":"a."},"reason":"AddedInterface","involvedObject":{"kind":"Pod","name":"a"}}""", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        _api.Events.Should().ContainSingle();
        var stored = _api.Events[0];
        stored["reason"]!.GetValue<string>().Should().Be("AddedInterface");
        stored["metadata"]!["namespace"]!.GetValue<string>().Should().Be("ns1");
        stored["metadata"]!["name"]!.GetValue<string>().Should().StartWith("a.").And.HaveLength(7);
    }

    [Theory]
    [InlineData("/api", "APIVersions")]
    [InlineData("/api/v1", "APIResourceList")]
    [InlineData("/apis", "APIGroupList")]
    [InlineData("/apis/k8s.cni.cncf.io/v1", "APIResourceList")]
    public async Task Discovery_Paths_ReturnTheirKind(string path, string kind)
    {
        var body = await Body(await _http.GetAsync(path));

        body["kind"]!.GetValue<string>().Should().Be(kind);
    }

    [Fact]
    public async Task Version_ReturnsGitVersion()
    {
        var body = await Body(await _http.GetAsync("/version"));

        body["gitVersion"]!.GetValue<string>().Should().StartWith("v1.");
    }

    [Fact]
    public async Task Count_CountsByMethodAndPath_AndResetClears()
    {
        _api.AddPod("default", "a");
        await _http.GetAsync("/api/v1/namespaces/default/pods/a");
        await _http.GetAsync("/api/v1/namespaces/default/pods/b");

        _api.Count("GET", "/pods/a").Should().Be(1);
        _api.Count("get", "/pods/").Should().Be(2);
        _api.Requests.Select(r => r.StatusCode).Should().Equal(200, 404);
        _api.ResetCounts();
        _api.Count("GET", "/pods/").Should().Be(0);
    }

    [Fact]
    public async Task WriteKubeconfig_NamesServerAndToken()
    {
        var dir = Directory.CreateTempSubdirectory("standin-");
        try
        {
            var text = await File.ReadAllTextAsync(_api.WriteKubeconfig(dir.FullName));

            text.Should().Contain($"server: http://127.0.0.1:{_api.BaseAddress.Port}").And.Contain($"token: {_api.Token}")
                .And.Contain("current-context: standin");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await _http.SendAsync(request);
    }

    private static async Task<JsonObject> Body(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private static IEnumerable<string> Names(JsonObject list) =>
        list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>());
}
