using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>
/// Two thin-mode processes for one container: the runtime sends DEL while the ADD still runs (containerd does after an
/// ADD timeout). The DEL waits for the ADD's container lock and then removes everything the ADD attached.
/// </summary>
public sealed class ContainerSerialisationTests
{
    [RootFact]
    public async Task Del_SentWhileAddRuns_WaitsForTheAddThenRemovesWhatItAttached()
    {
        await using var h = await ThinModeHarness.StartAsync("198.18.7.0/24", "s");
        var started = Path.Combine(h.Node.Root, "slow-started");
        // The cluster network's bridge, slowed down on ADD: the DEL below arrives while the ADD is in its delegate.
        ScriptPlugins.Install(h, "mns-slow-bridge",
            $"if [ \"$CNI_COMMAND\" = ADD ]; then touch {started}; sleep 1; fi\nexec /usr/lib/cni/bridge");
        var cluster = h.ClusterDelegate;
        cluster["plugins"]![0]!["type"] = "mns-slow-bridge";
        h.AddNad("mns-macvlan", h.Macvlan("198.18.6.0/24"));
        h.AddPod("mns-macvlan");

        var add = h.RunAsync("ADD");
        await WaitForFileAsync(started);
        var del = h.RunAsync("DEL");
        var (added, deleted) = (await add, await del);

        added.ExitCode.Should().Be(0, added.Stdout + h.Log);
        ((string)added.Json["ips"]![0]!["address"]!).Should().StartWith("198.18.7.");
        deleted.ExitCode.Should().Be(0, deleted.Stdout + h.Log);
        h.Node.AssertNothingLeaked();
        var log = h.Log;
        log.Should().Contain("2 attachment(s) torn down", "the DEL found the ADD's finished checkpoint");
        log.IndexOf("on net1 done", StringComparison.Ordinal).Should()
            .BeLessThan(log.IndexOf("torn down", StringComparison.Ordinal), "the DEL started only once the ADD had finished:\n" + log);
    }

    private static async Task WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(path))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{path} should appear once the slow delegate starts");
            await Task.Delay(10);
        }
    }
}
