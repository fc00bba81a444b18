using FluentAssertions;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Fault matrix, delegates: a pod of n networks (n = 1..4) whose network k fails, prints invalid JSON or hangs. Every
/// network before k is rolled back in reverse, none after k runs, the error names network k, nothing leaks.
/// </summary>
public sealed class DelegateFaultTests
{
    public static TheoryData<PluginMode, int, int> FailingPositions()
    {
        var data = new TheoryData<PluginMode, int, int>();
        foreach (var mode in FaultHarness.Modes)
        {
            for (var count = 1; count <= 4; count++)
            {
                for (var failing = 0; failing < count; failing++)
                {
                    data.Add(mode, count, failing);
                }
            }
        }

        return data;
    }

    public static TheoryData<PluginMode, FaultyPlugin, int> Misbehaviours()
    {
        var data = new TheoryData<PluginMode, FaultyPlugin, int>();
        foreach (var mode in FaultHarness.Modes)
        {
            foreach (var kind in new[] { FaultyPlugin.PrintsInvalidJson, FaultyPlugin.Hangs })
            {
                for (var position = 0; position < 3; position++)
                {
                    data.Add(mode, kind, position);
                }
            }

            data.Add(mode, FaultyPlugin.LeavesChildHoldingStdout, 1);
        }

        return data;
    }

    [RootTheory]
    [MemberData(nameof(FailingPositions))]
    public async Task Add_DelegateFailsAtPositionKOfN_RollsBackInReverseAndNamesTheNetwork(PluginMode mode, int count, int failing)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, count, failing, FaultHarness.Faulty(h, FaultyPlugin.Fails));

        var add = await h.RunAsync("ADD");

        // The delegate's own CNI error code reaches the runtime (tuning's is 999), with the network named.
        FaultAssertions.FailedCleanly(h, add, 999, $"\"{FaultHarness.NetworkName(h, failing)}\"", "\"tuning\"", "no_such_sysctl");
        AssertRanUpTo(h, count, failing);
        h.Api.Count("PATCH", "/pods/").Should().Be(0);
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
    }

    [RootTheory]
    [MemberData(nameof(Misbehaviours))]
    public async Task Add_DelegateMisbehavesAtPosition_IsStoppedRolledBackAndNamed(PluginMode mode, FaultyPlugin kind, int position)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        try
        {
            FaultHarness.ArrangePod(h, 3, position, FaultHarness.Faulty(h, kind));

            var add = await h.RunAsync("ADD");

            var expected = kind == FaultyPlugin.PrintsInvalidJson ? "invalid result" : "timed out after 1s and was killed";
            FaultAssertions.FailedCleanly(h, add, 102, $"\"{FaultHarness.NetworkName(h, position)}\"", $"\"{FaultHarness.FaultyType}\"", expected);
            AssertRanUpTo(h, 3, position);
            FaultHarness.LivingFaultyProcesses(h).Should().BeEmpty("a delegate that outlives its timeout is killed with its children");
            await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
        }
        finally
        {
            FaultHarness.KillFaultyProcesses(h);
        }
    }

    /// <summary>Networks 0..<paramref name="last"/> ran (their host bridge exists); none after it did.</summary>
    private static void AssertRanUpTo(ThinModeHarness h, int count, int last)
    {
        for (var position = 0; position < count; position++)
        {
            var exists = Shell.Run("ip", "link", "show", FaultHarness.Bridge(h, position)).ExitCode == 0;
            exists.Should().Be(position <= last, $"network {position} runs only when every network before it succeeded (failing: {last})");
        }
    }
}
