using System.Text.Json.Nodes;
using MultiNet.Attachments.Configuration;
using MultiNet.Cli.Commands;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cli.Migrate;

/// <summary>
/// Runs the converted plugin config through the plugin's own parser, so that <c>migrate</c> never prints a config multinet
/// would refuse: a Multus value MultiNet reads differently (a type it does not accept) is an input error naming the key.
/// </summary>
internal static class ConvertedConfigCheck
{
    /// <summary>Throws <see cref="InputException"/> when multinet would refuse the converted config of <paramref name="source"/>.</summary>
    public static void Verify(MigrationResult result, string source)
    {
        foreach (var plugin in PluginConfigs(result))
        {
            try
            {
                MultiNetConfigParser.Parse(plugin);
            }
            catch (CniException e)
            {
                throw new InputException($"\"{source}\": the converted config would be refused by multinet: {e.Message}{(e.Details is null ? "" : $" ({e.Details})")}");
            }
        }
    }

    /// <summary>Each multinet plugin config as the plugin gets it on stdin (a conflist entry with the list's name and cniVersion).</summary>
    public static IEnumerable<JsonObject> PluginConfigs(MigrationResult result)
    {
        switch (result.Shape)
        {
            case MultusShape.PluginConfig:
                yield return result.Output;
                break;
            case MultusShape.PluginConfList:
                foreach (var plugin in ((JsonArray)result.Output["plugins"]!).OfType<JsonObject>().Where(p => (string?)p["type"] == "multinet"))
                {
                    var entry = (JsonObject)plugin.DeepClone();
                    entry["name"] = result.Output["name"]?.DeepClone();
                    entry["cniVersion"] = result.Output["cniVersion"]?.DeepClone();
                    yield return entry;
                }

                break;
            default:
                // What multinetd generates around the plugin keys; the cluster network is a stand-in (the node's primary config).
                var generated = new JsonObject
                {
                    ["cniVersion"] = "1.0.0",
                    ["name"] = "multinet-cni-network",
                    ["type"] = "multinet",
                    ["clusterNetwork"] = "/etc/cni/net.d/primary.conflist",
                    ["daemonSocketDir"] = result.Output["socketDir"]?.DeepClone(),
                };
                foreach (var (key, value) in (JsonObject)result.Output["cniConfig"]!["pluginKeys"]!)
                {
                    generated[key] = value?.DeepClone();
                }

                yield return generated;
                break;
        }
    }
}
