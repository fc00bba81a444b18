using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Attachments.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mn-cp-" + Guid.NewGuid().ToString("N"));

    private static AttachmentPlan Plan() => new()
    {
        ContainerId = "c1",
        NetNs = "/var/run/netns/x",
        IfName = "eth0",
        PodNamespace = "ns",
        PodName = "p",
        DelegateArgs = [new("IgnoreUnknown", "true"), new("K8S_POD_NAME", "p")],
        Attachments =
        [
            new PlannedAttachment
            {
                NetworkName = "cluster", IfName = "eth0", IsClusterNetwork = true,
                Config = NetworkConfigList.Parse("""{"cniVersion":"1.0.0","name":"cluster","plugins":[{"type":"bridge","custom":{"keep":1}}]}"""),
            },
            new PlannedAttachment
            {
                NetworkName = "ns/a", IfName = "net1",
                Config = NetworkConfigList.Parse("""{"cniVersion":"0.4.0","name":"a","type":"macvlan"}"""),
                CapabilityArgs = new JsonObject { ["mac"] = "02:00:00:00:00:01" },
                DefaultRouteGateways = ["198.18.2.1"],
            },
        ],
    };

    [Fact]
    public void WriteThenRead_RoundTripsPlanAndResults()
    {
        var store = new CheckpointStore(_dir);
        var checkpoint = new Checkpoint(Plan());
        checkpoint.Results[0] = new CniResult
        {
            CniVersion = "1.0.0",
            Interfaces = [new ResultInterface { Name = "eth0", Mac = "aa:bb:cc:dd:ee:ff", Sandbox = "/var/run/netns/x" }],
            Ips = [new ResultIp { Address = "198.18.1.2/24", Gateway = "198.18.1.1", Interface = 0 }],
        };

        store.Write(checkpoint);
        var read = store.Read("c1")!;

        read.Plan.Attachments.Select(a => (a.NetworkName, a.IfName, a.IsClusterNetwork)).Should().Equal(("cluster", "eth0", true), ("ns/a", "net1", false));
        read.Plan.Attachments[0].Config.Plugins[0]["custom"]!["keep"]!.GetValue<int>().Should().Be(1);
        read.Plan.Attachments[1].Config.IsSingleConf.Should().BeTrue();
        read.Plan.Attachments[1].DefaultRouteGateways.Should().Equal("198.18.2.1");
        ((string)read.Plan.Attachments[1].CapabilityArgs["mac"]!).Should().Be("02:00:00:00:00:01");
        read.Plan.DelegateArgs.Should().Equal(Plan().DelegateArgs);
        read.Results[0]!.Ips.Should().ContainSingle().Which.Address.Should().Be("198.18.1.2/24");
        read.Results[1].Should().BeNull();
    }

    [Fact]
    public void Write_FileIsPrivateAndNoTempFileRemains()
    {
        var store = new CheckpointStore(_dir);
        store.Write(new Checkpoint(Plan()));

        File.GetUnixFileMode(store.PathFor("c1")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(_dir).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetFiles(_dir).Should().ContainSingle();
        store.ListContainerIds().Should().Equal("c1");
    }

    [Fact]
    public void Read_Missing_IsNullAndDeleteIsIdempotent()
    {
        var store = new CheckpointStore(_dir);
        store.Read("nope").Should().BeNull();
        store.Delete("nope");
        store.ListContainerIds().Should().BeEmpty();
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"kind":"somethingElse"}""")]
    [InlineData("""{"kind":"multinetCheckpointV1","containerId":"c1","ifName":"eth0","attachments":[{"network":"n"}]}""")]
    public void Read_Damaged_FailsWith104NamingTheFile(string content)
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "c1.json"), content);

        var act = () => new CheckpointStore(_dir).Read("c1");

        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.Checkpoint);
        error.Message.Should().Contain("c1.json");
    }

    [Fact]
    public void RemoveStaleTempFiles_OldTempFilesGo_CheckpointsAndFreshTempFilesStay()
    {
        var store = new CheckpointStore(_dir);
        store.Write(new Checkpoint(Plan()));
        var old = Path.Combine(_dir, ".c2.123.tmp");
        var fresh = Path.Combine(_dir, ".c3.456.tmp");
        File.WriteAllText(old, "{");
        File.WriteAllText(fresh, "{");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddMinutes(-5));

        store.RemoveStaleTempFiles(TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow).Should().Be(1);

        File.Exists(old).Should().BeFalse();
        File.Exists(fresh).Should().BeTrue();
        store.ListContainerIds().Should().Equal("c1");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
