using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Migration;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Tests.Migration;

/// <summary>Multus's on-disk state (written here from the documented format) read into the checkpoint DEL runs.</summary>
public sealed class MultusAttachmentsTests : IDisposable
{
    private const string Id = "0123abcd";
    private readonly string _dir = Directory.CreateTempSubdirectory("multinet-multus-").FullName;

    [Fact]
    public async Task ForDel_CacheAndResultFile_NamesInterfacesAsMultusAndUsesTheRecordedCallOfEach()
    {
        var cluster = new JsonObject { ["name"] = "cluster", ["plugins"] = new JsonArray(new JsonObject { ["type"] = "bridge" }) };
        var nad = new JsonObject { ["cniVersion"] = "0.4.0", ["name"] = "mv", ["type"] = "macvlan" };
        WriteCache(
            Entry(cluster, "cluster"),
            Entry(nad, "team-a/mv", ("ifnameRequest", "data0"), ("macRequest", "02:00:00:00:00:01")),
            Entry(nad, "team-a/mv"));
        WriteResult("mv", "net2", nad, [["IgnoreUnknown", "true"], ["MAC", "02:00:00:00:00:02"]],
            """{"cniVersion": "0.4.0", "ips": [{"version": "4", "address": "198.18.0.5/24"}]}""");

        var recorded = await Attachments().ForDelAsync(Env(), CancellationToken.None);

        var checkpoint = recorded!.Checkpoint;
        checkpoint.Plan.Attachments.Select(a => a.IfName).Should().Equal("eth0", "data0", "net2");
        checkpoint.Plan.Attachments.Select(a => a.NetworkName).Should().Equal("cluster", "team-a/mv", "team-a/mv");
        checkpoint.Plan.Attachments[0].Config.CniVersion.Should().Be("1.0.0", "a conflist without cniVersion ran with Multus's, now ours");
        checkpoint.Plan.Attachments[1].CapabilityArgs["mac"]!.GetValue<string>().Should().Be("02:00:00:00:00:01");
        checkpoint.Plan.Attachments[2].Args.Should().Contain(new KeyValuePair<string, string>("MAC", "02:00:00:00:00:02"));
        checkpoint.Results[1].Should().BeNull();
        checkpoint.Results[2]!.Ips.Should().ContainSingle().Which.Address.Should().Be("198.18.0.5/24");
        checkpoint.Plan.DelegateArgs.Should().Contain(new KeyValuePair<string, string>("K8S_POD_NAME", "p"));

        recorded.Forget();
        Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Should().Equal(Path.Combine(_dir, "results"));
    }

    [Theory]
    [InlineData("[{\"Name\": \"x\", \"Bytes\": \"%%%\"}]", "entry 0: field \"Bytes\" is not base64")]
    [InlineData("[{\"Name\": \"x\"}]", "entry 0: field \"Bytes\" is missing")]
    [InlineData("[{\"Name\": \"x\", \"Bytes\": \"bm90IGpzb24=\"}]", "entry 0: field \"Bytes\": ")]
    [InlineData("[{\"Name\": \"x\", \"Bytes\": \"e30=\", \"ipRequest\": [1]}]", "entry 0: field \"ipRequest\" holds something that is not a string")]
    [InlineData("[{\"Name\": \"x\", \"Bytes\": \"e30=\", \"ipRequest\": \"10.0.0.1\"}]", "entry 0: field \"ipRequest\" is not a list")]
    [InlineData("{}", "expected a non-empty JSON array")]
    [InlineData("[{\"Name\": ", "not valid JSON")]
    public void ForCheck_DamagedCache_Is104NamingTheFileAndEntry(string text, string problem)
    {
        File.WriteAllText(Path.Combine(_dir, Id), text);

        var act = () => Attachments().ForCheck(Env());

        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.Checkpoint);
        error.Message.Should().StartWith($"multus cache \"{Path.Combine(_dir, Id)}\" is unreadable: ").And.Contain(problem);
    }

    [Fact]
    public async Task ForDel_ResultFileWithAnUnreadableResult_TearsDownWithoutThatPrevResult()
    {
        var nad = new JsonObject { ["cniVersion"] = "1.0.0", ["name"] = "mv", ["type"] = "macvlan" };
        WriteCache(Entry(nad, "cluster"), Entry(nad, "team-a/mv"));
        WriteResult("mv", "net1", nad, [], """{"cniVersion": "1.0.0", "ips": "not a list"}""");

        var recorded = await Attachments().ForDelAsync(Env(), CancellationToken.None);

        recorded!.Checkpoint.Plan.Attachments.Select(a => a.IfName).Should().Equal("eth0", "net1");
        recorded.Checkpoint.Results.Should().AllSatisfy(r => r.Should().BeNull(), "the damaged result is left out, not the teardown");
    }

    [Fact]
    public void StaleContainerIds_SharedFolder_OnlyMultusFilesCount()
    {
        File.WriteAllText(Path.Combine(_dir, Id), "[]");
        File.WriteAllText(Path.Combine(_dir, "ours.json"), "{}");
        File.WriteAllText(Path.Combine(_dir, ".ours.lock"), "");
        File.WriteAllText(Path.Combine(_dir, ".ours.77.tmp"), "");
        WriteResult("mv", "net1", new JsonObject { ["cniVersion"] = "1.0.0", ["name"] = "mv", ["type"] = "macvlan" }, [], "{}", "orphan1");

        var stale = Attachments().StaleContainerIds(new HashSet<string>(["listed"]), ["ours"]);

        stale.Should().Equal(Id, "orphan1");
    }

    [Fact]
    public void ForGc_UnreadableFileWithoutResultFiles_IsLeftAlone()
    {
        var path = Path.Combine(_dir, Id);
        File.WriteAllText(path, "not a Multus cache");

        Attachments().ForGc(Id).Should().BeNull();

        File.Exists(path).Should().BeTrue("GC cannot tell that a file it cannot read is Multus's");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MultusAttachments Attachments() => new(
        new MultiNetConfig { Raw = [], CniVersion = "1.0.0", Name = "multinet", CniDir = _dir, MultusCniDir = _dir },
        new ClusterAccess(), NullLogger.Instance);

    private static CniEnvironment Env() => new()
    {
        Command = CniCommand.Del, ContainerId = Id, IfName = "eth0", Args = "K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=p",
    };

    private static JsonObject Entry(JsonObject config, string name, params (string Key, string Value)[] more)
    {
        var entry = new JsonObject { ["Conf"] = new JsonObject(), ["ConfList"] = new JsonObject(), ["Name"] = name,
            ["Bytes"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(config.ToJsonString())) };
        foreach (var (key, value) in more)
        {
            entry[key] = value;
        }

        return entry;
    }

    private void WriteCache(params JsonObject[] entries) =>
        File.WriteAllText(Path.Combine(_dir, Id), new JsonArray([.. entries]).ToJsonString());

    private void WriteResult(string network, string ifName, JsonObject config, string[][] args, string result, string containerId = Id)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "results"));
        File.WriteAllText(Path.Combine(_dir, "results", $"{network}-{containerId}-{ifName}"), new JsonObject
        {
            ["kind"] = "cniCacheV1", ["containerId"] = containerId, ["ifName"] = ifName, ["networkName"] = network,
            ["config"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(config.ToJsonString())),
            ["cniArgs"] = new JsonArray([.. args.Select(a => (JsonNode?)new JsonArray(a[0], a[1]))]),
            ["result"] = JsonNode.Parse(result),
        }.ToJsonString());
    }
}
