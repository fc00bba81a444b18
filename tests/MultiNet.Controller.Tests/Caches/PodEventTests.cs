using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Controller.Tests.Support;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Caches;

public class PodEventTests
{
    private const string Networks = "k8s.v1.cni.cncf.io/networks";

    [Fact]
    public async Task PodNamingMissingNad_OneWarningEvent()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddPod("app", "web", new Dictionary<string, string> { [Networks] = "net-a, ghost" }, uid: "uid-web");
            api.AddPod("app", "fine", new Dictionary<string, string> { [Networks] = "net-a" });
        });

        JsonObject e = await SingleEventAsync(harness.Api, "web");

        ((string)e["type"]!).Should().Be("Warning");
        ((string)e["reason"]!).Should().Be("NetworkNotFound");
        ((string)e["message"]!).Should().Contain("\"app/ghost\" does not exist");
        ((string)e["involvedObject"]!["uid"]!).Should().Be("uid-web");
        ((string)e["source"]!["component"]!).Should().Be("multinet-controller");
        harness.Api.Events.Should().NotContain(x => (string)x["involvedObject"]!["name"]! == "fine");
    }

    [Fact]
    public async Task PodChangedWithSameProblem_NoSecondEvent()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
            api.AddPod("app", "web", new Dictionary<string, string> { [Networks] = "ghost" }));
        await SingleEventAsync(harness.Api, "web");

        harness.Api.UpdateObject("Pod", "app", "web", pod => pod["metadata"]!["labels"] = new JsonObject { ["x"] = "y" });
        harness.Api.SetPodAnnotation("app", "web", "other", "value");
        await Task.Delay(500);

        EventsFor(harness.Api, "web").Should().HaveCount(1);
    }

    [Fact]
    public async Task NadBecomesInvalidAfterPodStarted_EventOnPod()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddPod("app", "web", new Dictionary<string, string> { [Networks] = "net-a" });
        });
        await Task.Delay(300);
        EventsFor(harness.Api, "web").Should().BeEmpty();

        harness.Api.UpdateObject("NetworkAttachmentDefinition", "app", "net-a", nad => nad["spec"]!["config"] = "{not json");

        JsonObject e = await SingleEventAsync(harness.Api, "web");
        ((string)e["reason"]!).Should().Be("InvalidNetwork");
        ((string)e["message"]!).Should().Contain("spec.config");
    }

    [Fact]
    public async Task ProblemGoesAwayAndReturns_ReportedAgain()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
            api.AddPod("app", "web", new Dictionary<string, string> { [Networks] = "net-a" }));
        await SingleEventAsync(harness.Api, "web");

        harness.Api.AddNad("app", "net-a", SeededController.Bridge);
        await Task.Delay(300);
        harness.Api.DeleteNad("app", "net-a");

        await ControllerHarness.WaitUntilAsync(() => EventsFor(harness.Api, "web").Count == 2, "a second NetworkNotFound event");
    }

    [Fact]
    public async Task FinishedPod_NoEvent()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddPod("app", "done", new Dictionary<string, string> { [Networks] = "ghost" });
            api.UpdateObject("Pod", "app", "done", pod => pod["status"]!["phase"] = "Succeeded");
            api.AddPod("app", "marker", new Dictionary<string, string> { [Networks] = "ghost" });
        });

        await SingleEventAsync(harness.Api, "marker");
        EventsFor(harness.Api, "done").Should().BeEmpty();
    }

    [Fact]
    public async Task EventsDisabled_NoEvent()
    {
        await using var harness = await ControllerHarness.StartAsync(
            api => api.AddPod("app", "web", new Dictionary<string, string> { [Networks] = "ghost" }),
            o => o with { PodEvents = false });
        await Task.Delay(500);

        harness.Api.Events.Should().BeEmpty();
    }

    private static async Task<JsonObject> SingleEventAsync(KubeApiStandIn api, string pod)
    {
        await ControllerHarness.WaitUntilAsync(() => EventsFor(api, pod).Count > 0, $"an event on pod {pod}");
        await Task.Delay(200);
        return EventsFor(api, pod).Should().ContainSingle().Which;
    }

    private static List<JsonObject> EventsFor(KubeApiStandIn api, string pod) =>
        [.. api.Events.Where(e => (string?)e["involvedObject"]?["name"] == pod)];
}
