using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using Xunit;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>Fault matrix, rollback: the rollback of a failed ADD fails itself, so the checkpoint stays for DEL.</summary>
public sealed class RollbackFaultTests
{
    [RootTheory]
    [MemberData(nameof(FaultHarness.ModeData), MemberType = typeof(FaultHarness))]
    public async Task Del_AfterAFailedRollback_SkipsTheAttachmentWhosePluginCannotRun(PluginMode mode)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        var busy = Path.Combine(h.Node.Root, "cluster-busy");
        File.WriteAllText(busy, "");
        ScriptPlugins.Install(h, "mnf-cluster", $$"""
            cat > /dev/null
            case "$CNI_COMMAND" in
            ADD) echo '{"cniVersion": "1.0.0"}' ;;
            DEL) [ -e {{busy}} ] && { echo '{"cniVersion": "1.0.0", "code": 11, "msg": "cluster busy"}'; exit 1; } ;;
            esac
            exit 0
            """);
        h.ClusterDelegate = new JsonObject { ["cniVersion"] = "1.0.0", ["name"] = "cluster", ["type"] = "mnf-cluster" };
        h.AddNad("mnf-ghost", new JsonObject { ["cniVersion"] = "1.0.0", ["type"] = "mnf-no-such-plugin" });
        h.AddPod("mnf-ghost");

        var add = await h.RunAsync("ADD");

        add.Json["code"]!.GetValue<int>().Should().Be(7, FaultAssertions.Context(h, add));
        add.Json["msg"]!.GetValue<string>().Should().Contain("\"team-a/mnf-ghost\"").And.Contain("mnf-no-such-plugin");
        h.Node.Checkpoints().Should().ContainSingle("the cluster network's rollback failed, so DEL must finish it");
        var busyDel = await h.RunAsync("DEL");
        busyDel.Json["code"]!.GetValue<int>().Should().Be(11, "the cluster network still cannot be torn down");
        busyDel.Json["msg"]!.GetValue<string>().Should().Contain("cluster busy").And.NotContain("mnf-no-such-plugin");

        File.Delete(busy);
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
        h.Log.Should().Contain("network team-a/mnf-ghost on net1 skipped: its ADD never succeeded");
    }
}
