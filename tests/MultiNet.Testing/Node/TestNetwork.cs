using System.Text.Json.Nodes;

namespace MultiNet.Testing.Node;

/// <summary>
/// One test's piece of the node: a fresh network namespace, a host bridge to use as macvlan master, and private
/// directories for checkpoints and host-local leases — all uniquely named, all removed by <see cref="Dispose"/>.
/// </summary>
public sealed class TestNetwork : IDisposable
{
    private readonly List<string> _hostLinks = [];

    public TestNetwork()
    {
        Id = Guid.NewGuid().ToString("N")[..8];
        NetnsName = $"mnt-{Id}";
        Shell.Check("ip", "netns", "add", NetnsName);
        Root = Directory.CreateTempSubdirectory($"multinet-test-{Id}-").FullName;
        CniDir = Path.Combine(Root, "cni");
        IpamDir = Path.Combine(Root, "ipam");
        ConfDir = Path.Combine(Root, "confdir");
        Directory.CreateDirectory(IpamDir);
        Directory.CreateDirectory(ConfDir);
    }

    /// <summary>Eight hex characters unique to this test.</summary>
    public string Id { get; }
    public string NetnsName { get; }
    public string NetnsPath => $"/var/run/netns/{NetnsName}";
    public string Root { get; }
    public string CniDir { get; }
    public string IpamDir { get; }
    public string ConfDir { get; }

    /// <summary>Creates an up host bridge (unique name with the given 3-letter tag) and removes it on dispose.</summary>
    public string AddHostBridge(string tag)
    {
        var name = $"mn{tag}{Id[..6]}";
        Shell.Check("ip", "link", "add", name, "type", "bridge");
        _hostLinks.Add(name);
        Shell.Check("ip", "link", "set", name, "up");
        return name;
    }

    /// <summary>A host bridge that a delegate (the bridge plugin) will create; removed on dispose.</summary>
    public string BridgeName(string tag)
    {
        var name = $"mn{tag}{Id[..6]}";
        _hostLinks.Add(name);
        return name;
    }

    /// <summary>host-local IPAM in this test's lease directory.</summary>
    public JsonObject HostLocal(string subnet, string? gateway = null, bool defaultRoute = false)
    {
        var range = new JsonObject { ["subnet"] = subnet };
        if (gateway is not null)
        {
            range["gateway"] = gateway;
        }

        var ipam = new JsonObject
        {
            ["type"] = "host-local",
            ["dataDir"] = IpamDir,
            ["ranges"] = new JsonArray(new JsonArray(range)),
        };
        if (defaultRoute)
        {
            ipam["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" });
        }

        return ipam;
    }

    /// <summary>Links inside the namespace other than lo.</summary>
    public IReadOnlyList<string> LinksInNetns() =>
        [.. Shell.Check("ip", "-n", NetnsName, "-o", "link", "show")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':')[1].Trim().Split('@')[0])
            .Where(n => n != "lo")];

    /// <summary>host-local lease files (named by IP) left in this test's lease directory.</summary>
    public IReadOnlyList<string> Leases() =>
        [.. Directory.EnumerateFiles(IpamDir, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(n => n is not null && System.Net.IPAddress.TryParse(n, out _))!];

    /// <summary>Where the multinet plugin configured by <see cref="PluginKeys"/> logs.</summary>
    public string PluginLog => Path.Combine(Root, "multinet.log");

    /// <summary>
    /// The multinet config keys that point the plugin at this node (cniDir, confDir, the reference plugins, a debug log
    /// file); a harness adds the name, delegates and mode keys.
    /// </summary>
    public JsonObject PluginKeys() => new()
    {
        ["cniDir"] = CniDir,
        ["confDir"] = ConfDir,
        ["binDir"] = RepoLayout.ReferencePlugins,
        ["logLevel"] = "debug",
        ["logToStderr"] = false,
        ["logFile"] = PluginLog,
    };

    /// <summary>A multinet network config for this node with <paramref name="clusterDelegate"/> as the cluster network.</summary>
    public JsonObject PluginConfig(JsonObject clusterDelegate)
    {
        var config = new JsonObject { ["cniVersion"] = "1.0.0", ["name"] = "multinet", ["type"] = "multinet" };
        foreach (var (key, value) in PluginKeys())
        {
            config[key] = value?.DeepClone();
        }

        config["delegates"] = new JsonArray(clusterDelegate.DeepClone());
        return config;
    }

    /// <summary>Checkpoint files (and temp files) left in this test's cniDir.</summary>
    public IReadOnlyList<string> Checkpoints() =>
        Directory.Exists(CniDir) ? [.. Directory.EnumerateFiles(CniDir, "*", SearchOption.AllDirectories)] : [];

    /// <summary>Asserts that nothing of an attachment is left: no interface, no lease, no checkpoint.</summary>
    public void AssertNothingLeaked()
    {
        var links = LinksInNetns();
        var leases = Leases();
        var checkpoints = Checkpoints();
        if (links.Count + leases.Count + checkpoints.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"leaked: links [{string.Join(", ", links)}], leases [{string.Join(", ", leases)}], checkpoints [{string.Join(", ", checkpoints)}]");
        }
    }

    public void Dispose()
    {
        Shell.Run("ip", "netns", "del", NetnsName);
        foreach (var link in _hostLinks)
        {
            Shell.Run("ip", "link", "del", link);
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory is not a leak of the product.
        }

        var (_, netns, _) = Shell.Run("ip", "netns", "list");
        if (netns.Contains(NetnsName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"netns {NetnsName} could not be removed");
        }
    }
}
