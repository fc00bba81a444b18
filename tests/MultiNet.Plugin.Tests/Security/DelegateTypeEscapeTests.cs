using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Plugin.Tests.Faults;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using Xunit;

namespace MultiNet.Plugin.Tests.Security;

/// <summary>
/// A delegate's <c>type</c> names a binary in binDir or CNI_PATH and nothing else, however it is spelled. binDir/../bridge
/// is a script that leaves a marker if it ever runs. A symlink inside binDir is followed: binDir is the administrator's
/// (root-owned, like /opt/cni/bin), so what it links to is trusted, as libcni does.
/// </summary>
public sealed class DelegateTypeEscapeTests
{
    public static TheoryData<string> Spellings() =>
    [
        "../bridge", "..\\bridge", "../../../../../usr/lib/cni/bridge", "/usr/lib/cni/bridge", "./bridge", "sub/../bridge",
        "%2e%2e%2fbridge", "..%2fbridge", "bridge\u0000", "../bridge\u0000", "..", ".", " ../bridge", "\\..\\bridge", "bin/../../bridge",
    ];

    [RootTheory]
    [MemberData(nameof(Spellings))]
    public async Task Add_TypeSpelledToLeaveBinDir_IsRefusedAndNothingOutsideRuns(string type)
    {
        await using var h = await SecurityHarness.StartAsync();
        var marker = Path.Combine(h.Node.Root, "escaped");
        ScriptPlugins.Install(h, "harmless", "exit 0");
        ScriptPlugins.Write(Path.Combine(h.Node.Root, "bridge"), $"touch {marker}\nexec /usr/lib/cni/bridge");
        h.AddNad("escape", new JsonObject { ["cniVersion"] = "1.0.0", ["type"] = type });
        h.AddPod("escape");

        var add = await h.RunAsync("ADD");

        FaultAssertions.FailedCleanly(h, add, 7, "\"team-a/escape\"");
        add.Json["msg"]!.GetValue<string>().Should().MatchRegex("field \"type\"|failed to find plugin");
        File.Exists(marker).Should().BeFalse("no binary outside binDir and CNI_PATH may run");
    }

    [RootFact]
    public async Task Add_ClusterDelegateTypeIsAPath_IsRefusedBeforeAnythingRuns()
    {
        await using var h = await SecurityHarness.StartAsync();
        h.ClusterDelegate = new JsonObject { ["cniVersion"] = "1.0.0", ["name"] = "cluster", ["type"] = "/usr/lib/cni/bridge" };
        h.AddPod(null);

        var add = await h.RunAsync("ADD");

        FaultAssertions.FailedCleanly(h, add, 7, "\"cluster\"", "field \"type\"");
    }

    [RootFact]
    public async Task Add_SymlinkInBinDir_IsFollowedBecauseBinDirIsTrusted()
    {
        await using var h = await SecurityHarness.StartAsync();
        var link = Path.Combine(Path.GetDirectoryName(ScriptPlugins.Install(h, "harmless", "exit 0"))!, "mnf-linked-macvlan");
        File.CreateSymbolicLink(link, "/usr/lib/cni/macvlan");
        var conf = h.Macvlan("198.18.177.0/24");
        conf["type"] = "mnf-linked-macvlan";
        h.AddNad("linked", conf);
        h.AddPod("linked");

        var add = await h.RunAsync("ADD");

        FaultAssertions.Attached(h, add, "eth0", "net1");
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
    }
}
