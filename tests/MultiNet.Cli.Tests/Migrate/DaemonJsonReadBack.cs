using System.Text.Json.Nodes;
using MultiNet.Attachments.Configuration;
using MultiNet.Cli.Tests.Commands;
using MultiNet.Daemon.CniConfig;
using MultiNet.Daemon.Configuration;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary>A daemon.json printed by <c>migrate</c>, read by multinetd's own readers, and the plugin config multinetd would generate from it.</summary>
internal sealed record DaemonJsonReadBack(DaemonOptions Daemon, CniConfigOptions CniConfig, MultiNetConfig Plugin)
{
    /// <summary>The primary config the node is assumed to have.</summary>
    public const string PrimaryPath = "/etc/cni/net.d/10-flannel.conflist";

    /// <summary>
    /// Reads <paramref name="daemonJson"/>. A <c>chrootDir</c> (the node's host root, which multinetd checks at start for
    /// the CNI bin folder) is pointed at a stand-in root under <paramref name="scratch"/> holding that folder: this machine
    /// is not the node. Tests assert the converted value on the JSON itself.
    /// </summary>
    public static DaemonJsonReadBack From(JsonObject daemonJson, ScratchDirectory scratch)
    {
        var text = (JsonObject)daemonJson.DeepClone();
        if (text.ContainsKey("chrootDir"))
        {
            var binDir = (string?)text["cniConfig"]?["pluginKeys"]?["binDir"] ?? MultiNetConfig.DefaultBinDir;
            var root = Path.Join(scratch.Path, "host-root");
            Directory.CreateDirectory(Path.Join(root, binDir));
            text["chrootDir"] = root;
        }

        var daemon = DaemonOptionsReader.Parse(text.ToJsonString(), "daemon.json", name => name == "NODE_NAME" ? "node-a" : null);
        var cniConfig = CniConfigOptionsReader.FromDaemonConfig(daemon.Raw, daemon.SocketDir)
            ?? throw new InvalidOperationException("the daemon.json generates no CNI config");
        var generated = JsonNode.Parse(GeneratedConflist.Build(new PrimaryConfig(PrimaryPath, "0.3.1", null, ["portMappings"]), cniConfig))!.AsObject();

        // What the runtime hands the plugin: the list's entry with the list's name and cniVersion.
        var stdin = generated["plugins"]!.AsArray().Single()!.AsObject().DeepClone().AsObject();
        stdin["name"] = generated["name"]!.DeepClone();
        stdin["cniVersion"] = generated["cniVersion"]!.DeepClone();
        return new DaemonJsonReadBack(daemon, cniConfig, MultiNetConfigParser.Parse(stdin));
    }
}
