using FluentAssertions;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>What every fault cell checks: a clear CNI error, then nothing left behind, before and after DEL.</summary>
internal static class FaultAssertions
{
    /// <summary>
    /// The call failed with a CNI error JSON (never a stack trace) of <paramref name="code"/> whose message holds every
    /// part; nothing of the pod is left (links, leases, checkpoint and temp files) and no network-status was written.
    /// </summary>
    public static void FailedCleanly(ThinModeHarness h, PluginProcess.Outcome outcome, int code, params string[] parts)
    {
        var context = Context(h, outcome);
        outcome.ExitCode.Should().NotBe(0, context);
        outcome.Stdout.Should().StartWith("{", "stdout carries only CNI JSON: " + context);
        outcome.Json["code"]!.GetValue<int>().Should().Be(code, context);
        var message = outcome.Json["msg"]!.GetValue<string>();
        foreach (var part in parts)
        {
            message.Should().Contain(part, context);
        }

        (outcome.Stdout + outcome.Stderr).Should().NotContain("   at ", "no stack trace reaches the runtime");
        h.Node.AssertNothingLeaked();
        h.NetworkStatus.Should().BeNull("a failed ADD leaves no network-status");
    }

    /// <summary>DEL succeeds with empty stdout and the node holds nothing of the pod afterwards.</summary>
    public static async Task DelSucceedsAndNothingLeakedAsync(ThinModeHarness h, string? netns = "")
    {
        var del = await h.RunAsync("DEL", netns: netns);
        del.ExitCode.Should().Be(0, Context(h, del));
        del.Stdout.Should().BeEmpty();
        h.Node.AssertNothingLeaked();
    }

    /// <summary>ADD succeeded and attached the given interfaces.</summary>
    public static void Attached(ThinModeHarness h, PluginProcess.Outcome outcome, params string[] interfaces)
    {
        outcome.ExitCode.Should().Be(0, Context(h, outcome));
        h.Node.LinksInNetns().Should().BeEquivalentTo(interfaces);
    }

    public static string Context(ThinModeHarness h, PluginProcess.Outcome outcome) =>
        $"exit {outcome.ExitCode}\nstdout: {outcome.Stdout}\nstderr: {outcome.Stderr}\nlog: {h.Log}";
}
