using FluentAssertions;
using MultiNet.Controller.Caches;
using MultiNet.Controller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static MultiNet.Controller.Tests.Support.AdmissionReviews;

namespace MultiNet.Controller.Tests.Admission;

public class NadInUseTests
{
    private const string Networks = "k8s.v1.cni.cncf.io/networks";

    [Fact]
    public async Task Delete_NadUsedByRunningPods_DeniedListingThem()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddPod("app", "web-1", new Dictionary<string, string> { [Networks] = "net-a" });
            api.AddPod("app", "web-2", new Dictionary<string, string> { [Networks] = """[{"name":"net-a","interface":"data0"}]""" });
            api.AddPod("other", "remote", new Dictionary<string, string> { [Networks] = "app/net-a@x0" });
            api.AddPod("app", "unrelated", new Dictionary<string, string> { [Networks] = "net-b" });
        });

        var result = await harness.ReviewNadAsync("DELETE", null, Nad("app", "net-a", SeededController.Bridge));

        result.Allowed.Should().BeFalse();
        result.Reasons.Should().Equal("NetworkInUse");
        result.Message.Should().Contain("3 pods (app/web-1, app/web-2, other/remote) use it").And.Contain("multinet.io/allow-delete-in-use");
    }

    [Fact]
    public async Task Delete_AfterPodsGone_Allowed()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddPod("app", "web-1", new Dictionary<string, string> { [Networks] = "net-a" });
        });
        var nad = Nad("app", "net-a", SeededController.Bridge);
        (await harness.ReviewNadAsync("DELETE", null, nad)).Allowed.Should().BeFalse();

        harness.Api.DeletePod("app", "web-1");
        var cache = harness.App.Services.GetRequiredService<PodCache>();
        await ControllerHarness.WaitUntilAsync(() => cache.Count == 0, "the pod deletion to reach the cache");

        (await harness.ReviewNadAsync("DELETE", null, nad)).Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("Succeeded")]
    [InlineData("Failed")]
    public async Task Delete_OnlyFinishedPodsUseIt_Allowed(string phase)
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddPod("app", "job-1", new Dictionary<string, string> { [Networks] = "net-a" });
            api.UpdateObject("Pod", "app", "job-1", pod => pod["status"]!["phase"] = phase);
        });

        (await harness.ReviewNadAsync("DELETE", null, Nad("app", "net-a", SeededController.Bridge))).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task Delete_TerminatingPodUsesIt_Allowed()
    {
        // A terminating pod's DEL works from the node's checkpoint and needs no NAD.
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddPod("app", "old", new Dictionary<string, string> { [Networks] = "net-a" });
            api.UpdateObject("Pod", "app", "old", pod => pod["metadata"]!["deletionTimestamp"] = "2026-01-01T00:00:00Z");
        });

        (await harness.ReviewNadAsync("DELETE", null, Nad("app", "net-a", SeededController.Bridge))).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task Delete_ManyUsers_ListBoundedWithCount()
    {
        await using var harness = await ControllerHarness.StartAsync(
            api =>
            {
                api.AddNad("app", "net-a", SeededController.Bridge);
                for (int i = 0; i < 14; i++)
                {
                    api.AddPod("app", $"p{i:D2}", new Dictionary<string, string> { [Networks] = "net-a" });
                }
            },
            o => o with { MaxListedPods = 3 });

        var result = await harness.ReviewNadAsync("DELETE", null, Nad("app", "net-a", SeededController.Bridge));

        result.Message.Should().Contain("14 pods (app/p00, app/p01, app/p02 and 11 more) use it");
    }

    [Fact]
    public async Task Delete_WithOverrideAnnotation_AllowedWithWarning()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddPod("app", "web-1", new Dictionary<string, string> { [Networks] = "net-a" });
        });
        var nad = Nad("app", "net-a", SeededController.Bridge, new Dictionary<string, string> { ["multinet.io/allow-delete-in-use"] = "true" });

        var result = await harness.ReviewNadAsync("DELETE", null, nad);

        result.Allowed.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Should().Contain("1 pod (app/web-1) uses it");
    }

    [Fact]
    public async Task Update_InUseConfigChanged_AllowedWithWarning()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddPod("app", "web-1", new Dictionary<string, string> { [Networks] = "net-a" });
        });
        var old = Nad("app", "net-a", SeededController.Bridge);
        var changed = Nad("app", "net-a", """{"cniVersion":"1.0.0","type":"macvlan"}""");

        var result = await harness.ReviewNadAsync("UPDATE", changed, old);
        var unchanged = await harness.ReviewNadAsync("UPDATE", old, old);

        result.Allowed.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Should().Contain("keep their current attachments");
        unchanged.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_PodAddedAfterStart_SeenThroughWatch()
    {
        await using var harness = await ControllerHarness.StartAsync(api => api.AddNad("app", "net-a", SeededController.Bridge));
        var nad = Nad("app", "net-a", SeededController.Bridge);
        (await harness.ReviewNadAsync("DELETE", null, nad)).Allowed.Should().BeTrue();

        harness.Api.AddPod("app", "late", new Dictionary<string, string> { [Networks] = "net-a" });
        var cache = harness.App.Services.GetRequiredService<PodCache>();
        await ControllerHarness.WaitUntilAsync(() => cache.Count == 1, "the new pod to reach the cache");

        (await harness.ReviewNadAsync("DELETE", null, nad)).Message.Should().Contain("app/late");
    }
}
