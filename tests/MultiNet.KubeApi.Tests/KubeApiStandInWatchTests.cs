using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class KubeApiStandInWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(10);
    private KubeApiStandIn _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync();
        _http = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _api.Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Watch_LiveChanges_DeliversAddedModifiedDeleted()
    {
        using var stream = await Open("/api/v1/namespaces/default/pods?watch=true");
        await _api.WaitForWatchesAsync(1, LineTimeout);

        _api.AddPod("default", "a");
        _api.SetPodAnnotation("default", "a", "k", "v");
        _api.DeletePod("default", "a");

        var events = new[] { await Next(stream), await Next(stream), await Next(stream) };
        events.Select(e => (string?)e["type"]).Should().Equal("ADDED", "MODIFIED", "DELETED");
        events[1]["object"]!["metadata"]!["annotations"]!["k"]!.GetValue<string>().Should().Be("v");
        events.Select(e => long.Parse((string)e["object"]!["metadata"]!["resourceVersion"]!)).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithAddedForExistingObjects()
    {
        _api.AddPod("default", "a");
        _api.AddPod("other", "b");

        using var stream = await Open("/api/v1/namespaces/default/pods?watch=1");

        var first = await Next(stream);
        first["type"]!.GetValue<string>().Should().Be("ADDED");
        first["object"]!["metadata"]!["name"]!.GetValue<string>().Should().Be("a");
    }

    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysOnlyLaterChanges()
    {
        _api.AddPod("default", "old");
        var version = _api.ResourceVersion;
        _api.AddPod("default", "new");
        _api.DeletePod("default", "old");

        using var stream = await Open($"/api/v1/pods?watch=true&resourceVersion={version}");

        var added = await Next(stream);
        var deleted = await Next(stream);
        (added["type"]!.GetValue<string>(), Name(added)).Should().Be(("ADDED", "new"));
        (deleted["type"]!.GetValue<string>(), Name(deleted)).Should().Be(("DELETED", "old"));
    }

    [Fact]
    public async Task Watch_FieldSelector_SeesPodLeavingSelectionAsDeleted()
    {
        _api.AddPod("default", "a", nodeName: "n1");
        using var stream = await Open($"/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3Dn1&resourceVersion={_api.ResourceVersion}");
        await _api.WaitForWatchesAsync(1, LineTimeout);

        _api.AddPod("default", "elsewhere", nodeName: "n2");
        _api.UpdateObject("Pod", "default", "a", pod => pod["spec"]!["nodeName"] = "n2");

        var change = await Next(stream);
        (change["type"]!.GetValue<string>(), Name(change)).Should().Be(("DELETED", "a"));
    }

    [Fact]
    public async Task Watch_NadsClusterWide_DeliversNadEvents()
    {
        using var stream = await Open("/apis/k8s.cni.cncf.io/v1/network-attachment-definitions?watch=true");
        await _api.WaitForWatchesAsync(1, LineTimeout);

        _api.AddNad("x", "net", "{}");

        var added = await Next(stream);
        added["object"]!["kind"]!.GetValue<string>().Should().Be("NetworkAttachmentDefinition");
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsTheStream()
    {
        var clock = Stopwatch.StartNew();
        using var stream = await Open("/api/v1/pods?watch=true&timeoutSeconds=1");

        var line = await stream.ReadLineAsync().WaitAsync(LineTimeout);

        line.Should().BeNull();
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task Watch_Bookmarks_CarryCurrentResourceVersion()
    {
        _api.AddPod("default", "a");
        using var stream = await Open($"/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion={_api.ResourceVersion}");

        var bookmark = await Next(stream);

        bookmark["type"]!.GetValue<string>().Should().Be("BOOKMARK");
        bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be(_api.ResourceVersion);
    }

    [Fact]
    public async Task Watch_CompactedResourceVersion_SendsExpiredError()
    {
        _api.AddPod("default", "a");
        var old = _api.ResourceVersion;
        _api.AddPod("default", "b");
        _api.CompactHistory();

        using var stream = await Open($"/api/v1/pods?watch=true&resourceVersion={old}");

        var error = await Next(stream);
        error["type"]!.GetValue<string>().Should().Be("ERROR");
        error["object"]!["code"]!.GetValue<int>().Should().Be(410);
    }

    [Fact]
    public async Task Watch_ServerStops_StreamEnds()
    {
        using var stream = await Open("/api/v1/pods?watch=true");
        await _api.WaitForWatchesAsync(1, LineTimeout);

        await _api.StopAsync();

        var line = await stream.ReadLineAsync().WaitAsync(LineTimeout);

        line.Should().BeNull();
    }

    private async Task<StreamReader> Open(string path)
    {
        var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    private static async Task<JsonObject> Next(StreamReader stream)
    {
        var line = await stream.ReadLineAsync().WaitAsync(LineTimeout);
        line.Should().NotBeNull("the watch stream should still be open");
        return JsonNode.Parse(line!)!.AsObject();
    }

    private static string Name(JsonObject watchEvent) => (string)watchEvent["object"]!["metadata"]!["name"]!;
}
