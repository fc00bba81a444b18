using System.Collections.Concurrent;
using FluentAssertions;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;
using Xunit.Abstractions;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Thick mode, the daemon restarted mid-churn: 16 pods do ADD then DEL at once while multinetd is killed (SIGKILL) or
/// drained (SIGTERM) once and started again 0.5 s after it is gone. No request is lost without an error; the runtime's
/// retries (a DEL for every pod) succeed and nothing leaks. Subnets 198.18.192.0/24–198.18.199.0/24.
/// </summary>
public sealed class DaemonRestartTests(ITestOutputHelper output)
{
    private const int Pods = 16;

    [RootTheory]
    [InlineData("KILL", 192)]
    [InlineData("TERM", 194)]
    public async Task Churn_DaemonRestartedMidway_EveryRequestAnsweredAndRetriesLeaveNothing(string signal, int subnet)
    {
        await using var h = await ThinModeHarness.StartAsync($"198.18.{subnet}.0/24", "r", PluginMode.Thick);
        // Long enough for requests that find the daemon down to ride out its restart, as the default 10 s would.
        h.ConfigOverrides["daemonReadyTimeoutSeconds"] = 5;
        h.AddNad("mnf-churn", h.BridgeConflist("mnf-churn", h.Node.BridgeName("rn"), $"198.18.{subnet + 1}.0/24"));
        var pods = Enumerable.Range(0, Pods).Select(i => new ChurnPod(h, i, "mnf-churn")).ToList();
        try
        {
            await h.Daemon!.WaitUntilCachedAsync();
            var outcomes = new ConcurrentQueue<(string Call, PluginProcess.Outcome Outcome)>();
            var churn = pods.Select(pod => Task.Run(async () =>
            {
                foreach (var command in new[] { "ADD", "DEL" })
                {
                    outcomes.Enqueue(($"{command} {pod.Name}", await pod.RunAsync(command)));
                }
            })).ToList();

            var answeredBefore = await RestartMidwayAsync(h, signal, outcomes);
            await Task.WhenAll(churn);

            answeredBefore.Should().BeLessThan(2 * Pods, "the daemon went down with requests in flight");
            outcomes.Should().HaveCount(2 * Pods);
            output.WriteLine($"answered before SIG{signal}: {answeredBefore}; " + string.Join(", ", outcomes
                .GroupBy(o => $"{o.Call[..3]} {(o.Outcome.ExitCode == 0 ? "ok" : $"code {o.Outcome.Json["code"]}")}")
                .Select(g => $"{g.Key} x{g.Count()}")));
            foreach (var (call, outcome) in outcomes.Where(o => o.Outcome.ExitCode != 0))
            {
                output.WriteLine($"{call}: {outcome.Stdout}");
            }
            foreach (var (call, outcome) in outcomes)
            {
                AssertAnswered(h, call, outcome);
            }

            foreach (var pod in pods)
            {
                var retry = await pod.RunAsync("DEL");
                retry.ExitCode.Should().Be(0, $"DEL {pod.Name}: {retry.Stdout}\n{h.Log}");
                retry.Stdout.Should().BeEmpty();
            }

            pods.SelectMany(p => p.Links().Select(l => $"{p.Name}:{l}")).Should().BeEmpty("every pod was deleted");
            h.Node.Leases().Should().BeEmpty();
            h.Node.Checkpoints().Should().BeEmpty();
        }
        finally
        {
            foreach (var pod in pods)
            {
                await pod.RunAsync("DEL"); // whatever the test did, so that the bridges can go
                pod.Dispose();
            }
        }
    }

    /// <summary>
    /// Once a few requests were answered, takes the daemon down with <paramref name="signal"/> and starts it again 0.5 s
    /// after it exited; returns how many requests had been answered when the signal was sent.
    /// </summary>
    private static async Task<int> RestartMidwayAsync(ThinModeHarness h, string signal, ConcurrentQueue<(string, PluginProcess.Outcome)> outcomes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (outcomes.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        var answered = outcomes.Count;
        if (signal == "KILL")
        {
            await h.Daemon!.KillAsync();
        }
        else
        {
            await h.Daemon!.StopAsync();
        }

        await Task.Delay(500);
        await h.Daemon.StartAsync();
        return answered;
    }

    /// <summary>A success (ADD: a result; DEL: nothing) or a CNI error JSON; never silence, never a stack trace.</summary>
    private static void AssertAnswered(ThinModeHarness h, string call, PluginProcess.Outcome outcome)
    {
        var context = $"{call}: exit {outcome.ExitCode}\nstdout: {outcome.Stdout}\nstderr: {outcome.Stderr}\nlog: {h.Log}";
        (outcome.Stdout + outcome.Stderr).Should().NotContain("   at ", context);
        if (outcome.ExitCode != 0)
        {
            outcome.Json["code"]!.GetValue<int>().Should().BePositive(context);
            outcome.Json["msg"]!.GetValue<string>().Should().NotBeEmpty(context);
        }
        else if (call.StartsWith("ADD", StringComparison.Ordinal))
        {
            outcome.Json["cniVersion"]!.GetValue<string>().Should().Be("1.0.0", context);
            outcome.Json.ContainsKey("code").Should().BeFalse(context);
        }
        else
        {
            outcome.Stdout.Should().BeEmpty(context);
        }
    }
}
