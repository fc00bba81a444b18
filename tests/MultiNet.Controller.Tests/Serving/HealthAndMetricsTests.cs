using System.Net;
using FluentAssertions;
using MultiNet.Cni.Build;
using MultiNet.Controller.Tests.Support;
using MultiNet.Testing.Node;
using static MultiNet.Controller.Tests.Support.AdmissionReviews;

namespace MultiNet.Controller.Tests.Serving;

public class HealthAndMetricsTests
{
    [Fact]
    public async Task Metrics_AfterAdmissions_CountsAndLatencyAndGauges()
    {
        await using var harness = await ControllerHarness.StartAsync(api =>
        {
            api.AddNad("app", "net-a", SeededController.Bridge);
            api.AddNad("app", "net-b", SeededController.Bridge);
            api.AddPod("app", "web", new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "net-a" });
        });
        await harness.ReviewPodAsync(PodWithNetworks("app", "ok", "net-a"));
        await harness.ReviewPodAsync(PodWithNetworks("app", "bad", "net-a@eth0"));
        await harness.ReviewNadAsync("CREATE", Nad("app", "x", "{"));

        string text = await harness.Http.GetStringAsync("/metrics");

        text.Should().Contain("multinet_controller_nads_cached 2\n");
        text.Should().Contain("multinet_controller_pods_with_secondary_networks 1\n");
        text.Should().Contain("multinet_controller_caches_synced 1\n");
        text.Should().Contain("multinet_controller_admissions_total{kind=\"pod\",operation=\"CREATE\",allowed=\"true\"} 1\n");
        text.Should().Contain("multinet_controller_admissions_total{kind=\"pod\",operation=\"CREATE\",allowed=\"false\"} 1\n");
        text.Should().Contain("multinet_controller_denials_total{kind=\"pod\",reason=\"InterfaceReserved\"} 1\n");
        text.Should().Contain("multinet_controller_denials_total{kind=\"nad\",reason=\"InvalidConfigJson\"} 1\n");
        text.Should().Contain("multinet_controller_admission_duration_seconds_count{kind=\"pod\"} 2\n");
        text.Should().Contain("multinet_controller_admission_duration_seconds_bucket{kind=\"pod\",le=\"+Inf\"} 2\n");
        text.Should().Contain("# TYPE multinet_controller_admission_duration_seconds histogram\n");
        text.Should().Contain("# TYPE multinet_build_info gauge\n")
            .And.Contain($"multinet_build_info{{version=\"{RepoVersion.Declared}\",commit=\"{BuildInfo.Commit}\"}} 1\n");
    }

    [Fact]
    public async Task Health_Ready_Answer200()
    {
        await using var harness = await ControllerHarness.StartAsync();

        using var healthz = await harness.Http.GetAsync("/healthz");
        using var readyz = await harness.Http.GetAsync("/readyz");

        healthz.StatusCode.Should().Be(HttpStatusCode.OK);
        readyz.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Https_PlainHttpRequest_NotServed()
    {
        await using var harness = await ControllerHarness.StartAsync();
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{harness.Http.BaseAddress!.Port}") };

        Func<Task> act = async () => (await plain.GetAsync("/healthz")).EnsureSuccessStatusCode();

        await act.Should().ThrowAsync<HttpRequestException>();
    }
}
