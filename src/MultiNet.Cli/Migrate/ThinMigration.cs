using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Cli.Migrate;

/// <summary>
/// A thin Multus plugin config (<c>00-multus.conf</c>, or the <c>00-multus.conflist</c> Multus writes for CNI 1.0.0 and later)
/// into the <c>multinet</c> plugin config of the same shape.
/// </summary>
internal static class ThinMigration
{
    private static readonly HashSet<string> Nothing = [];

    /// <summary>The converted config and the findings.</summary>
    public static MigrationResult Convert(JsonObject multus, MultusShape shape)
    {
        var findings = new FindingList();
        if (shape == MultusShape.PluginConfig)
        {
            return new MigrationResult(shape, ConvertPlugin(multus, multus["cniVersion"], findings, ""), findings.Items);
        }

        // A conflist: the multus plugin is converted, any plugin chained with it stays as it is.
        var output = new JsonObject();
        foreach (var (key, value) in multus)
        {
            output[key] = key == "plugins"
                ? new JsonArray([.. ((JsonArray)value!).Select((p, i) => (JsonNode)(IsMultus(p!)
                    ? ConvertPlugin((JsonObject)p!, multus["cniVersion"], findings, $"plugins[{i}].")
                    : p!.DeepClone()))])
                : value?.DeepClone();
        }

        return new MigrationResult(shape, output, findings.Items);
    }

    private static bool IsMultus(JsonNode plugin) => (string?)plugin["type"] is "multus" or "multus-shim";

    private static JsonObject ConvertPlugin(JsonObject multus, JsonNode? listVersion, FindingList findings, string prefix)
    {
        var local = new FindingList();
        var clusterNetworkSet = multus["clusterNetwork"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length > 0;
        var plugin = new JsonObject();
        new PluginKeyMigration(local, paths: null, clusterNetworkSet).CopyInto(multus, plugin, Nothing);
        if ((string?)multus["type"] == "multus-shim")
        {
            plugin["daemonSocketDir"] ??= "/run/multinet";
            local.Changed("type", "\"multus-shim\" is the config thick Multus generates; it becomes a multinet shim config (\"daemonSocketDir\": \"/run/multinet\"). In thick mode multinetd writes this file itself: convert Multus's daemon-config.json instead and install multinetd with the result");
        }

        if (prefix.Length == 0 && !multus.ContainsKey("cniVersion") && FirstDelegateVersion(multus) is { } version)
        {
            var ordered = new JsonObject { ["cniVersion"] = version };
            foreach (var (key, value) in plugin)
            {
                ordered[key] = value?.DeepClone();
            }

            plugin = ordered;
            local.Changed("cniVersion", $"missing: set to \"{version}\", the cluster network's (delegates[0]). MultiNet answers the runtime in the config's cniVersion and reads a missing one as 0.1.0, whose result has no interfaces");
        }
        else if (prefix.Length > 0 && listVersion is null)
        {
            local.Changed("cniVersion", "the conflist has none: MultiNet reads a missing one as 0.1.0; set the list's cniVersion to the cluster network's");
        }

        foreach (var f in local.Items)
        {
            findings.Add(f with { Key = prefix + f.Key });
        }

        return plugin;
    }

    private static string? FirstDelegateVersion(JsonObject multus) =>
        multus["delegates"] is JsonArray { Count: > 0 } delegates && delegates[0] is JsonObject first
            && first["cniVersion"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;
}
