using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>Many pods at once through one daemon: the queue, the per-container lock and the engine under concurrency.</summary>
public sealed class ThickModeBurstTests
{
    [RootFact]
    public async Task Burst_64PodsAddedThenDeletedConcurrently_NoFailureNoLeak()
    {
        await using var h = await DaemonHarness.StartAsync();
        h.AddMacvlanNad();
        var pods = Enumerable.Range(0, 64).Select(_ => h.NewPod("macvlan-a")).ToList();
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 64);

        var adds = await Task.WhenAll(pods.Select(p => h.RunAsync("ADD", p)));

        adds.Where(a => a.ExitCode != 0).Select(a => a.Stdout).Should().BeEmpty(h.Logs);
        pods.Should().OnlyContain(p => p.Links().Count == 2);
        adds.Select(a => (string)a.Json["ips"]![0]!["address"]!).Should().OnlyHaveUniqueItems();
        var (_, metrics) = await SocketClient.SendAsync(h.SocketPath, "GET", "/metrics");
        metrics.Should().Contain("multinetd_requests_total{command=\"ADD\",result=\"success\"} 64\n")
            .And.Contain("multinetd_cache_lookups_total{cache=\"pods\",result=\"miss\"} 0\n");

        var dels = await Task.WhenAll(pods.Select(p => h.RunAsync("DEL", p)));

        dels.Where(d => d.ExitCode != 0).Select(d => d.Stdout).Should().BeEmpty(h.Logs);
        h.AssertNothingLeaked();
        await WaitForCommittedHeapBelowAsync(h, 16 << 20);
    }

    /// <summary>Once idle after the burst, the daemon gives the memory the burst made the GC commit back.</summary>
    private static async Task WaitForCommittedHeapBelowAsync(DaemonHarness h, long bytes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var line = (await SocketClient.SendAsync(h.SocketPath, "GET", "/metrics")).Body.Split('\n')
                .Single(l => l.StartsWith("multinetd_gc_heap_bytes{kind=\"committed\"}", StringComparison.Ordinal));
            var committed = long.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            if (committed < bytes)
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"committed GC memory is still {committed} bytes after the burst");
            await Task.Delay(250);
        }
    }

    [RootFact]
    public async Task Burst_OverQueueLimit_ExtraRequestsGetCode11BusyAndDaemonKeepsServing()
    {
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        h.DaemonConfig["maxConcurrentRequests"] = 1;
        h.DaemonConfig["maxQueuedRequests"] = 0;
        await h.StartDaemonAsync();
        var pods = Enumerable.Range(0, 6).Select(_ => h.NewPod()).ToList();
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 6);
        h.Api.InjectFault(r => r.Method == "PATCH" ? Testing.ApiServer.Fault.Slow(TimeSpan.FromMilliseconds(500)) : null);

        var adds = await Task.WhenAll(pods.Select(p => h.RunAsync("ADD", p)));

        var busy = adds.Where(a => a.ExitCode != 0).ToList();
        busy.Should().NotBeEmpty("one slot and no queue cannot take six slow ADDs at once");
        busy.Should().OnlyContain(a => a.Json["code"]!.GetValue<int>() == 11 && ((string)a.Json["msg"]!).Contains("busy", StringComparison.Ordinal));
        adds.Should().Contain(a => a.ExitCode == 0);
        h.Api.ClearFaults();
        foreach (var (pod, add) in pods.Zip(adds).Where(p => p.Second.ExitCode != 0))
        {
            (await h.RunAsync("ADD", pod)).ExitCode.Should().Be(0, h.Logs);
        }

        foreach (var pod in pods)
        {
            (await h.RunAsync("DEL", pod)).ExitCode.Should().Be(0, h.Logs);
        }

        h.AssertNothingLeaked();
    }
}
