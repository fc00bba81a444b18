using System.Diagnostics;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>The API going away, SIGTERM during requests, the daemon down: what the runtime sees and that nothing leaks.</summary>
public sealed class ThickModeFailureTests
{
    [RootFact]
    public async Task ApiGone_DelStillWorksAndAddFailsWithCode11_ThenRecoversWhenApiReturns()
    {
        await using var h = await DaemonHarness.StartAsync();
        var first = h.NewPod();
        var second = h.NewPod();
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 2);
        (await h.RunAsync("ADD", first)).ExitCode.Should().Be(0, h.Logs);

        await h.Api.StopAsync();
        var del = await h.RunAsync("DEL", first);
        var add = await h.RunAsync("ADD", second);

        del.ExitCode.Should().Be(0, del.Stdout + h.Logs);
        add.ExitCode.Should().NotBe(0);
        add.Json["code"]!.GetValue<int>().Should().Be(11, add.Stdout);
        ((string)add.Json["msg"]!).Should().Contain("kubernetes api").And.Contain("pods/status");
        second.Links().Should().BeEmpty("a failed ADD rolls back");
        h.AssertNothingLeaked();

        await h.Api.RestartAsync();
        var retry = await h.RunAsync("ADD", second);
        retry.ExitCode.Should().Be(0, retry.Stdout + h.Logs);
        (await h.RunAsync("DEL", second)).ExitCode.Should().Be(0);
        h.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Sigterm_DuringInFlightAdd_FinishesItRefusesNewOnesAndGoesUnready()
    {
        await using var h = await DaemonHarness.StartAsync();
        var slow = h.NewPod();
        var late = h.NewPod();
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 2);
        h.Api.InjectFault(r => r.Method == "PATCH" ? Fault.Slow(TimeSpan.FromSeconds(3.5)) : null);

        var inFlight = h.RunAsync("ADD", slow);
        await WaitForAsync(() => h.Api.Requests.Any(r => r.Method == "PATCH"), h);
        h.Daemon!.Terminate();
        await WaitForAsync(() => SocketClient.ReadyStatusAsync(h.SocketPath).Result == 503, h);
        h.ShimOverrides["daemonReadyTimeoutSeconds"] = 0.3;
        var refused = await h.RunAsync("ADD", late);
        h.ShimOverrides.Remove("daemonReadyTimeoutSeconds");
        var finished = await inFlight;

        finished.ExitCode.Should().Be(0, finished.Stdout + h.Logs);
        slow.Links().Should().Equal("eth0");
        refused.ExitCode.Should().NotBe(0);
        refused.Json["code"]!.GetValue<int>().Should().Be(11);
        ((string)refused.Json["msg"]!).Should().Contain(h.SocketPath).And.Contain("shutting down");
        (await h.Daemon.WaitForExitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue(h.Logs);
        h.Daemon.ExitCode.Should().Be(0);
        File.Exists(h.SocketPath).Should().BeFalse("Kestrel removes its socket on a clean stop");

        (await h.RunAsync("DEL", slow)).ExitCode.Should().Be(0, h.ShimLog);
        h.AssertNothingLeaked();
    }

    [RootFact]
    public async Task DaemonDown_DelRunsInTheShimAndAddFailsWithCode11NamingTheSocket()
    {
        await using var h = await DaemonHarness.StartAsync();
        var pod = h.NewPod();
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 1);
        (await h.RunAsync("ADD", pod)).ExitCode.Should().Be(0, h.Logs);
        await h.StopDaemonAsync();

        var del = await h.RunAsync("DEL", pod);
        var watch = Stopwatch.StartNew();
        var add = await h.RunAsync("ADD", h.NewPod());

        del.ExitCode.Should().Be(0, del.Stdout + h.ShimLog);
        h.ShimLog.Should().Contain("deleting from the checkpoint here");
        add.ExitCode.Should().NotBe(0);
        add.Json["code"]!.GetValue<int>().Should().Be(11);
        ((string)add.Json["msg"]!).Should().Contain($"socket \"{h.SocketPath}\"");
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5)).And.BeLessThan(TimeSpan.FromSeconds(10));
        h.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Del_DelegateFails_ErrorIsReturnedNotSwallowed()
    {
        await using var h = await DaemonHarness.StartAsync();
        var pod = h.NewPod();
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 1);
        (await h.RunAsync("ADD", pod)).ExitCode.Should().Be(0, h.Logs);
        var checkpoint = h.Node.Checkpoints().Single();
        var text = await File.ReadAllTextAsync(checkpoint);
        // Point the recorded cluster network at a plugin that does not exist: its DEL must fail, visibly.
        await File.WriteAllTextAsync(checkpoint, text.Replace("\"bridge\"", "\"no-such-plugin\"", StringComparison.Ordinal));

        var del = await h.RunAsync("DEL", pod);

        del.ExitCode.Should().NotBe(0, del.Stdout);
        ((string)del.Json["msg"]!).Should().Contain("no-such-plugin");
        File.Exists(checkpoint).Should().BeTrue("the checkpoint is kept so a retry can finish");
        await File.WriteAllTextAsync(checkpoint, text);
        (await h.RunAsync("DEL", pod)).ExitCode.Should().Be(0, h.Logs);
        h.AssertNothingLeaked();
    }

    private static async Task WaitForAsync(Func<bool> condition, DaemonHarness h)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met within 10 s" + h.Logs);
            }

            await Task.Delay(10);
        }
    }
}
