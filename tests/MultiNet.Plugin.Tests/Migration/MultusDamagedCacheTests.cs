using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Plugin.Tests.Faults;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Migration;

/// <summary>
/// A damaged Multus scratch cache (cut short, not JSON, an entry without <c>Bytes</c>): DEL logs which file and what is
/// wrong, never crashes, and falls back to the pod and NADs in the API and libcni's result files, freeing everything.
/// </summary>
public sealed class MultusDamagedCacheTests
{
    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "thin", "thick" })
        {
            foreach (var damage in new[] { "cut short", "not JSON", "entry without Bytes", "not JSON, no result files" })
            {
                data.Add(path, damage);
            }
        }

        return data;
    }

    [RootTheory]
    [MemberData(nameof(Cells))]
    public async Task Del_DamagedCache_LogsItAndFallsBackToTheApi(string path, string damage)
    {
        await using var h = await MultusPods.StartAsync(path);
        var multus = await MultusPods.TextFormAsync(h, sharedCniDir: false);
        var cache = multus.CacheText;
        var problem = Damage(multus, cache, damage);
        if (damage.EndsWith("no result files", StringComparison.Ordinal))
        {
            foreach (var file in multus.Files().Where(f => f != multus.CachePath))
            {
                File.Delete(file);
            }
        }

        var del = await h.RunAsync("DEL");

        del.ExitCode.Should().Be(0, FaultAssertions.Context(h, del));
        h.Log.Should().Contain($"multus cache \"{multus.CachePath}\" is unreadable: {problem}")
            .And.Contain("falling back to the pod and NADs in the API");
        (del.Stdout + del.Stderr).Should().NotContain("   at ", "no stack trace");
        multus.Files().Should().BeEmpty();
        h.Node.AssertNothingLeaked();
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
    }

    [RootFact]
    public async Task Del_DamagedCacheNoResultFilesNoApi_SucceedsAndSaysWhatWasLeft()
    {
        await using var h = await MultusPods.StartAsync("thin");
        var multus = await MultusPods.TextFormAsync(h, sharedCniDir: false);
        multus.OverwriteCache("[{");
        foreach (var file in multus.Files().Where(f => f != multus.CachePath))
        {
            File.Delete(file);
        }

        h.Api.DeletePod(h.PodNamespace, h.PodName);
        var del = await h.RunAsync("DEL");

        del.ExitCode.Should().Be(0, FaultAssertions.Context(h, del));
        h.Log.Should().Contain("the cluster network alone");
        h.Node.LinksInNetns().Should().BeEquivalentTo(["net1", "data0"], "only the cluster network could be found without the pod");
        multus.Files().Should().BeEmpty();
        Shell.Check("ip", "netns", "del", h.Node.NetnsName); // the NAD interfaces go with the namespace
        Shell.Check("ip", "netns", "add", h.Node.NetnsName);
        foreach (var lease in Directory.EnumerateFiles(h.Node.IpamDir, "*", SearchOption.AllDirectories))
        {
            File.Delete(lease); // what a leak looks like: mnu-a's lease; removed for the leak check
        }
    }

    private static string Damage(MultusNode multus, string cache, string damage)
    {
        switch (damage)
        {
            case "cut short":
                multus.OverwriteCache(cache[..(cache.Length / 2)]);
                return "not valid JSON";
            case "entry without Bytes":
                var entries = JsonNode.Parse(cache)!.AsArray();
                entries[1]!.AsObject().Remove("Bytes");
                multus.OverwriteCache(entries.ToJsonString());
                return "entry 1: field \"Bytes\" is missing";
            default:
                multus.OverwriteCache("this is not JSON");
                return "not valid JSON";
        }
    }
}
