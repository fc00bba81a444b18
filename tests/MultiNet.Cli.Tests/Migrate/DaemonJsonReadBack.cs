using System.Text.Json.Nodes;
using MultiNet.Attachments.Configuration;
using MultiNet.Daemon.CniConfig;
using MultiNet.Daemon.Configuration;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary>A daemon.json printed by <c>migrate</c>, read by multinetd's own readers, and the plugin config multinetd would generate from it.</summary>
internal sealed record DaemonJsonReadBack(DaemonOptions Daemon, CniConfigOptions CniConfig, MultiNetConfig Plugin)
{
    /// <summary>The primary config the node is assumed to have.</summary>
    public const string PrimaryPath = "/etc/cni/net.d/10-flannel.conflist";

    public static DaemonJsonReadBack From(JsonObject daemonJson)
    {
        var daemon = DaemonOptionsReader.Parse(daemonJson.ToJsonString(), "daemon.json", name => name == "NODE_NAME" ? "node-a" : null);
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
