using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>ADD and DEL through the published shim and multinetd, real delegates, the API stand-in.</summary>
public sealed class ThickModeAddDelTests
{
    [RootFact]
    public async Task AddDel_PodWithNad_AttachesThroughDaemonWithOneWriteAndNoReads()
    {
        await using var h = await DaemonHarness.StartAsync();
        h.AddMacvlanNad();
        var pod = h.NewPod("macvlan-a");
        await WaitUntilCachedAsync(h, 1);
        h.Api.ResetCounts();

        var add = await h.RunAsync("ADD", pod);

        add.ExitCode.Should().Be(0, add.Stdout + h.Logs);
        add.Json["cniVersion"]!.GetValue<string>().Should().Be("1.0.0");
        ((string)add.Json["ips"]![0]!["address"]!).Should().StartWith(h.ClusterSubnet[..^5]);
        pod.Links().Should().BeEquivalentTo("eth0", "net1");
        var status = JsonNode.Parse(h.Api.GetPodAnnotation(pod.Namespace, pod.Name, "k8s.v1.cni.cncf.io/network-status")!)!.AsArray();
        status.Select(s => (string)s!["name"]!).Should().Equal("cluster", "team-a/macvlan-a");
        var requests = h.Api.Requests.Where(r => r.Verb != "watch").ToList();
        requests.Should().ContainSingle(h.Logs).Which.Method.Should().Be("PATCH");

        var del = await h.RunAsync("DEL", pod);

        del.ExitCode.Should().Be(0, del.Stdout + h.Logs);
        h.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_PodCreatedJustBeforeAdd_IsFoundThroughCacheOrLiveGet()
    {
        await using var h = await DaemonHarness.StartAsync();
        h.AddMacvlanNad();
        var pod = h.NewPod(inApi: false);
        h.CreateInApi(pod, "macvlan-a");

        var add = await h.RunAsync("ADD", pod);

        add.ExitCode.Should().Be(0, add.Stdout + h.Logs);
        pod.Links().Should().BeEquivalentTo("eth0", "net1");
        (await h.RunAsync("DEL", pod)).ExitCode.Should().Be(0);
        h.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_NadCreatedAfterSync_IsFoundByLiveGet()
    {
        await using var h = await DaemonHarness.StartAsync();
        h.AddMacvlanNad("late-net");
        var pod = h.NewPod("late-net");

        var add = await h.RunAsync("ADD", pod);

        add.ExitCode.Should().Be(0, add.Stdout + h.Logs);
        pod.Links().Should().BeEquivalentTo("eth0", "net1");
        (await h.RunAsync("DEL", pod)).ExitCode.Should().Be(0);
        h.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_MetricsAfterwards_CountTheRequestAndTheCaches()
    {
        await using var h = await DaemonHarness.StartAsync();
        var pod = h.NewPod();
        await WaitUntilCachedAsync(h, 1);

        (await h.RunAsync("ADD", pod)).ExitCode.Should().Be(0, h.Logs);
        var (status, metrics) = await SocketClient.SendAsync(h.SocketPath, "GET", "/metrics");

        status.Should().Be(200);
        metrics.Should().Contain("multinetd_requests_total{command=\"ADD\",result=\"success\"} 1\n")
            .And.Contain("multinetd_cache_objects{cache=\"pods\"} 1\n")
            .And.Contain("multinetd_request_duration_seconds_count{command=\"ADD\"} 1\n")
            .And.Contain("multinetd_delegate_duration_seconds_count 1\n")
            .And.Contain("multinetd_ready 1\n");
        (await h.RunAsync("DEL", pod)).ExitCode.Should().Be(0);
        h.AssertNothingLeaked();
    }

    /// <summary>Waits until the daemon's pod cache holds <paramref name="pods"/> pods (its metrics say so).</summary>
    internal static Task WaitUntilCachedAsync(DaemonHarness h, int pods) =>
        SocketClient.WaitForMetricsAsync(h.SocketPath, [$"multinetd_cache_objects{{cache=\"pods\"}} {pods}"], () => h.Logs);
}
