using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using MultiNet.Controller.Caches;
using MultiNet.Controller.Metrics;
using MultiNet.Controller.Tests.Support;
using static MultiNet.Controller.Tests.Support.AdmissionReviews;

namespace MultiNet.Controller.Tests.Caches;

public class WatchResilienceTests
{
    [Fact]
    public async Task HistoryCompacted_RelistsAndSeesLaterChanges()
    {
        await using var harness = await ControllerHarness.StartAsync(api => api.AddNad("app", "net-a", SeededController.Bridge));
        var nads = harness.App.Services.GetRequiredService<NadCache>();
        var metrics = harness.App.Services.GetRequiredService<ControllerMetrics>();

        // Make every open watch fail with 410 on its next resume, then change things.
        harness.Api.CompactHistory();
        await harness.Api.RestartAsync();
        harness.Api.AddNad("app", "net-b", SeededController.Bridge);

        await ControllerHarness.WaitUntilAsync(() => nads.Lookup("app", "net-b") is not null, "net-b in the cache after the relist");
        nads.Lookup("app", "net-a").Should().NotBeNull();
        metrics.WatchRestarts.Value("network-attachment-definitions").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ApiDownThenBack_CacheCatchesUp()
    {
        await using var harness = await ControllerHarness.StartAsync(api => api.AddNad("app", "net-a", SeededController.Bridge));
        var nads = harness.App.Services.GetRequiredService<NadCache>();

        await harness.Api.StopAsync();
        harness.Api.DeleteNad("app", "net-a");
        harness.Api.AddNad("app", "net-c", SeededController.Bridge);
        await harness.Api.RestartAsync();

        await ControllerHarness.WaitUntilAsync(() => nads.Lookup("app", "net-c") is not null && nads.Lookup("app", "net-a") is null, "the cache to match the API again");
    }

    [Fact]
    public async Task ListFailsAtStart_NotReadyUntilItWorks()
    {
        var api = await Testing.ApiServer.KubeApiStandIn.StartAsync();
        api.FailNext(1000, 500, pathContains: "network-attachment-definitions");
        var start = ControllerHarness.StartAsync(configure: null, existingApi: api);

        // Readiness waits for the NAD list; serving works meanwhile.
        await Task.Delay(800);
        start.IsCompleted.Should().BeFalse();
        api.ClearFaults();
        await using var harness = await start;

        using var ready = await harness.Http.GetAsync("/readyz");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NadCreatedWhileWatchIsStuck_PodStillAdmitted()
    {
        await using var harness = await ControllerHarness.StartAsync();

        // The watch sees nothing new (its resumes fail); the pod's NAD is fetched on the cache miss.
        harness.Api.InjectFault(r => r.Resource == "network-attachment-definitions" && r.Verb == "watch"
            ? Testing.ApiServer.Fault.Status(500)
            : null);
        await harness.Api.RestartAsync();
        harness.Api.AddNad("app", "just-made", SeededController.Bridge);

        var result = await harness.ReviewPodAsync(PodWithNetworks("app", "p", "just-made"));

        result.Allowed.Should().BeTrue(result.ToString());
        harness.Api.Count("GET", "/namespaces/app/network-attachment-definitions/just-made").Should().Be(1);
    }
}
