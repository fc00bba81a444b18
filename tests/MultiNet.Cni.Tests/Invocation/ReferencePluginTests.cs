using MultiNet.Testing;
using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Config;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Tests.Support;

namespace MultiNet.Cni.Tests.Invocation;

/// <summary>The real reference plugins from /usr/lib/cni, run in fresh network namespaces.</summary>
public sealed class ReferencePluginTests : IDisposable
{
    private const string PluginDir = "/usr/lib/cni";
    private const string IfName = "eth1";

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("mnt-ipam-");
    private readonly PluginProcessRunner _process = new();

    private string Bridge => $"mnt{_id}";

    private string Network => $"mnt-test-{_id}";

    private string ContainerId => $"ctr-{_id}";

    private string Subnet { get; } = $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(0, 255)}.0/24";

    public void Dispose()
    {
        TestCommand.TryRun("ip", "link", "del", Bridge);
        _dataDir.Delete(recursive: true);
    }

    private DelegateInvocation Inv(TestNetns ns) => new()
    {
        ContainerId = ContainerId,
        NetNs = ns.Path,
        IfName = IfName,
        Args = [new("IgnoreUnknown", "true"), new("K8S_POD_NAMESPACE", "default"), new("K8S_POD_NAME", "test")],
        PluginDirs = [PluginDir],
        Timeout = TimeSpan.FromSeconds(30),
    };

    private NetworkConfigList Conflist(JsonObject second) => NetworkConfigList.Parse(new JsonObject
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = Network,
        ["plugins"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "bridge",
                ["bridge"] = Bridge,
                ["isGateway"] = true,
                ["ipam"] = new JsonObject { ["type"] = "host-local", ["subnet"] = Subnet, ["dataDir"] = _dataDir.FullName },
            },
            second),
    });

    private static JsonObject Tuning(string sysctl, string value) => new()
    {
        ["type"] = "tuning",
        ["mtu"] = 1400,
        ["sysctl"] = new JsonObject { [sysctl] = value },
    };

    [RootFact]
    public async Task Version_Bridge_ListsSupportedVersions()
    {
        var inv = new DelegateInvocation { ContainerId = "", IfName = "", PluginDirs = [PluginDir] };
        var path = new PluginLocator([PluginDir]).Find("bridge");

        var stdout = await _process.ExecAsync(path, CniCommand.Version, inv, """{"cniVersion":"1.0.0"}"""u8.ToArray(), CancellationToken.None);

        var json = JsonNode.Parse(stdout)!;
        json["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["0.3.1", "0.4.0", "1.0.0"]);
    }

    [RootFact]
    public async Task AddCheckDel_BridgeAndTuning_ConfiguresThenCleansTheNamespace()
    {
        var list = Conflist(Tuning($"net.ipv4.conf.{IfName}.arp_notify", "1"));
        var runner = new ConflistRunner(_process);
        string nsName;
        using (var ns = TestNetns.Create())
        {
            nsName = ns.Name;
            var result = await runner.AddAsync(list, Inv(ns), null, CancellationToken.None);

            var podInterface = result.Interfaces.Should().ContainSingle(i => i.Sandbox == ns.Path).Which;
            podInterface.Name.Should().Be(IfName);
            var ip = result.Ips.Should().ContainSingle().Which;
            ip.Interface.Should().Be(result.Interfaces.ToList().IndexOf(podInterface));
            InSubnet(ip.Address).Should().BeTrue(ip.Address);
            ns.Exec("ip", "-o", "addr", "show", IfName).Should().Contain(ip.Address);
            ns.Exec("ip", "-o", "link", "show", IfName).Should().Contain("mtu 1400", "tuning ran after bridge");
            ns.Exec("cat", $"/proc/sys/net/ipv4/conf/{IfName}/arp_notify").Trim().Should().Be("1");
            LeaseFiles().Should().ContainSingle();
            TuningBackups().Should().NotBeEmpty("tuning saves the original settings to restore on DEL");

            await runner.CheckAsync(list, Inv(ns), null, result, CancellationToken.None);

            await runner.DelAsync(list, Inv(ns), null, result, CancellationToken.None);

            ns.Links().Should().Equal("lo");
            LeaseFiles().Should().BeEmpty();
            BridgePorts().Should().BeEmpty();
            TuningBackups().Should().BeEmpty();

            // DEL is idempotent: a second one still succeeds.
            await runner.DelAsync(list, Inv(ns), null, result, CancellationToken.None);
        }

        AssertNothingLeaked(nsName);
    }

    [RootTheory]
    [InlineData("invalid-sysctl")]
    [InlineData("missing-plugin")]
    public async Task AddAsync_SecondPluginFails_RollsBackTheBridge(string failure)
    {
        var second = failure == "missing-plugin"
            ? new JsonObject { ["type"] = $"no-such-plugin-{_id}" }
            : Tuning($"net.ipv4.conf.{IfName}.no_such_sysctl", "1");
        var list = Conflist(second);
        string nsName;
        using (var ns = TestNetns.Create())
        {
            nsName = ns.Name;

            var act = () => new ConflistRunner(_process).AddAsync(list, Inv(ns), null, CancellationToken.None);

            var e = (await act.Should().ThrowAsync<CniException>()).Which;
            e.Message.Should().StartWith($"plugin \"{second["type"]}\" (2 of 2) ADD: ");
            ns.Links().Should().Equal("lo");
            LeaseFiles().Should().BeEmpty("the bridge's DEL released the host-local lease");
            BridgePorts().Should().BeEmpty();
        }

        AssertNothingLeaked(nsName);
    }

    // The bridge plugin leaves its bridge on DEL (by design); the test removes it and checks nothing else is left.
    private void AssertNothingLeaked(string nsName)
    {
        BridgePorts().Should().BeEmpty("every veth of the test is gone");
        TestCommand.Run("ip", "link", "del", Bridge);
        TestNetns.Exists(nsName).Should().BeFalse();
        LeaseFiles().Should().BeEmpty();
        TuningBackups().Should().BeEmpty();
        TestCommand.TryRun("ip", "link", "show", Bridge).Code.Should().NotBe(0);
    }

    private bool InSubnet(string cidr)
    {
        var address = IPAddress.Parse(cidr.Split('/')[0]);
        return IPNetwork.Parse(Subnet).Contains(address);
    }

    // host-local keeps one file per leased address (named by the address) beside "lock" and "last_reserved_ip.0".
    private string[] LeaseFiles()
    {
        var dir = Path.Combine(_dataDir.FullName, Network);
        return Directory.Exists(dir)
            ? [.. Directory.GetFiles(dir).Select(Path.GetFileName).Where(n => IPAddress.TryParse(n, out _))!]
            : [];
    }

    private string[] TuningBackups() =>
        Directory.Exists("/run/cni/tuning")
            ? [.. Directory.GetFiles("/run/cni/tuning").Where(f => f.Contains(ContainerId, StringComparison.Ordinal))]
            : [];

    private string[] BridgePorts() =>
        [.. TestCommand.Run("ip", "-o", "link", "show", "master", Bridge).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
