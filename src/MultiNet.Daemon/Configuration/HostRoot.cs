using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Invocation;

namespace MultiNet.Daemon.Configuration;

/// <summary>
/// Checks <c>chrootDir</c> at start, so a DaemonSet without the host's root mounted (or mounted somewhere else) fails
/// its pod with the reason instead of failing every pod's ADD later: the directory must exist and hold the CNI bin
/// directory the delegates are looked up in (<c>cniConfig.pluginKeys.binDir</c>, default /opt/cni/bin).
/// </summary>
internal static class HostRoot
{
    /// <summary>The checked root (an absolute path); throws <see cref="DaemonConfigException"/> naming the key and path.</summary>
    public static string Check(string source, string root, JsonObject config)
    {
        if (!Path.IsPathRooted(root))
        {
            throw DaemonOptionsReader.Bad(source, "chrootDir", $"\"{root}\" is not an absolute path");
        }

        if (!Directory.Exists(root))
        {
            throw DaemonOptionsReader.Bad(source, "chrootDir", $"\"{root}\" does not exist or is not a directory (is the host's / mounted there?)");
        }

        // The shape of cniConfig is the generated config's reader's to judge: a wrong one here is that reader's error.
        var binDir = config["cniConfig"] is JsonObject cniConfig && cniConfig["pluginKeys"] is JsonObject pluginKeys
            && pluginKeys["binDir"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : MultiNetConfig.DefaultBinDir;
        var launcher = new ChrootLauncher(root);
        if (launcher.HostPath(binDir) is not { } here || !Directory.Exists(here))
        {
            throw DaemonOptionsReader.Bad(source, "chrootDir",
                $"\"{root}\" has no CNI bin directory \"{binDir}\" (looked at \"{Path.Join(root, binDir)}\"): is it the host's root? (a host whose CNI binaries live elsewhere sets cniConfig.pluginKeys.binDir to that folder)");
        }

        return launcher.Root;
    }
}
