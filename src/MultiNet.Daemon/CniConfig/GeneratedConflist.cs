using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Daemon.CniConfig;

/// <summary>Builds the bytes of <c>00-multinet.conflist</c>: one <c>multinet</c> plugin in front of the primary network.</summary>
internal static class GeneratedConflist
{
    /// <summary>The file content (indented JSON, trailing newline) for <paramref name="primary"/>.</summary>
    public static byte[] Build(PrimaryConfig primary, CniConfigOptions options)
    {
        var plugin = new JsonObject { ["type"] = "multinet" };
        if (options.ExtraKeys is { } extras)
        {
            foreach (var (key, value) in extras)
            {
                plugin[key] = value?.DeepClone();
            }
        }

        plugin["clusterNetwork"] = primary.Path;
        if (options.Mode == CniConfigMode.Thick)
        {
            plugin["daemonSocketDir"] = options.SocketDir;
        }
        else
        {
            plugin["kubeconfig"] = options.KubeconfigPath;

            // Thin: no daemon gates readiness, so each ADD checks the indicator itself (a stat).
            if (options.ReadinessIndicatorFile is { } readiness && !plugin.ContainsKey("readinessindicatorfile"))
            {
                plugin["readinessindicatorfile"] = readiness;
            }
        }

        if (primary.Capabilities.Count > 0)
        {
            var capabilities = new JsonObject();
            foreach (var name in primary.Capabilities)
            {
                capabilities[name] = true;
            }

            plugin["capabilities"] = capabilities;
        }

        var list = new JsonObject { ["cniVersion"] = primary.CniVersion };
        if (primary.CniVersions is { } versions)
        {
            list["cniVersions"] = versions.DeepClone();
        }

        list["name"] = options.NetworkName;
        list["plugins"] = new JsonArray(plugin);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            list.WriteTo(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
