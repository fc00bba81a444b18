using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Cli.Migrate;

/// <summary>
/// The keys of Multus's plugin config (thin <c>00-multus.conf</c>, and thick <c>daemon-config.json</c>, which Multus lays over
/// every request) turned into keys of the <c>multinet</c> plugin, with a finding for each one that does not carry over as it is.
/// </summary>
/// <param name="findings">Where findings go.</param>
/// <param name="paths">Thick: turns container paths into host paths; null in thin mode (the plugin runs on the host).</param>
/// <param name="clusterNetworkSet">True when the Multus config has a <c>clusterNetwork</c> (thick auto-config always writes one).</param>
internal sealed class PluginKeyMigration(FindingList findings, HostPaths? paths, bool clusterNetworkSet)
{
    // Multus reads these as MultiNet does (README "Configuration keys"): copied unchanged.
    private static readonly HashSet<string> SameMeaning = new(StringComparer.Ordinal)
    {
        "cniVersion", "name", "clusterNetwork", "delegates", "defaultNetworks", "confDir", "binDir", "namespaceIsolation", "globalNamespaces", "systemNamespaces",
        "multusNamespace", "logToStderr", "capabilities", "runtimeConfig", "readinessindicatorfile", "kubeconfig",
        "logFile", "logOptions",
    };

    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal)
    {
        "type", "cniDir", "logLevel", "retryDeleteOnError",
        "auxiliaryCNIChainName", "daemonSocketDir", "cniConf", "prevResult",
    };

    private static readonly HashSet<string> PathKeys = new(StringComparer.Ordinal)
    {
        "clusterNetwork", "confDir", "binDir", "cniDir", "logFile", "readinessindicatorfile", "kubeconfig",
    };

    /// <summary>The kubeconfig Multus's thin entrypoint writes, and the one <c>multinetd install --mode thin</c> writes and keeps current.</summary>
    public const string MultusKubeconfig = "/etc/cni/net.d/multus.d/multus.kubeconfig";

    public const string MultiNetKubeconfig = "/etc/cni/net.d/multinet.d/multinet.kubeconfig";

    /// <summary>True when <paramref name="root"/> has any key of Multus's plugin config.</summary>
    public static bool IsMultusKey(JsonObject root) => root.Any(kv => SameMeaning.Contains(kv.Key) || Handled.Contains(kv.Key));

    /// <summary>Converts each key of <paramref name="multus"/> not in <paramref name="skip"/> into <paramref name="target"/>.</summary>
    public void CopyInto(JsonObject multus, JsonObject target, IReadOnlySet<string> skip)
    {
        foreach (var (key, node) in multus)
        {
            if (skip.Contains(key))
            {
                continue;
            }

            var value = PathKeys.Contains(key) && paths is not null && node is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? JsonValue.Create(paths.ToHost(key, v.GetValue<string>()))
                : node?.DeepClone();
            Convert(key, value, multus, target);
        }
    }

    private void Convert(string key, JsonNode? value, JsonObject multus, JsonObject target)
    {
        switch (key)
        {
            case "type":
                target["type"] = "multinet";
                break;
            case "kubeconfig" when Text(value) == MultusKubeconfig:
                target[key] = MultiNetKubeconfig;
                findings.Changed(key, $"\"{MultusKubeconfig}\" is written by Multus's thin entrypoint from Multus's service account, and stops working once Multus's pods are gone; \"{MultiNetKubeconfig}\" is the file `multinetd install --mode thin` (deploy/thin) writes and keeps current");
                break;
            case "delegates" when clusterNetworkSet:
                findings.NotNeeded(key, "ignored when \"clusterNetwork\" is set, by Multus and MultiNet alike; left out");
                break;
            case "defaultNetworks" when !clusterNetworkSet:
                findings.NotNeeded(key, "Multus ignores \"defaultNetworks\" unless \"clusterNetwork\" is set (this config uses \"delegates\"), but MultiNet attaches them to every pod; left out so that pods keep the interfaces they have. Add it back if you want these networks on every pod");
                break;
            case "cniDir":
                target[MultusCaches.Key] = value;
                findings.Changed(key, CniDirMessage(Text(value)));
                break;
            case "logLevel":
                var level = Text(value)?.Trim().ToLowerInvariant();
                if (level is "debug" or "verbose" or "error" or "panic")
                {
                    target[key] = level;
                }
                else
                {
                    findings.NotNeeded(key, $"{Describe(value)} is not a Multus level (debug, verbose, error, panic): Multus logs at panic then, as MultiNet does without the key; left out");
                }

                break;
            case "retryDeleteOnError":
                findings.NotNeeded(key, "MultiNet always keeps a pod's checkpoint until every delegate's DEL has succeeded, so the runtime's retried DEL can finish the job (what \"retryDeleteOnError\": true does); with false Multus dropped its cache after a failed DEL");
                break;
            case "auxiliaryCNIChainName":
                findings.NotCarriedOver(key, $"MultiNet has no auxiliary chain: the plugins in the \"{Text(value)}\" folder next to the cluster network's config are no longer run for every pod. Add them to the cluster network's conflist, or give them as a NAD in \"defaultNetworks\" if they need an interface of their own");
                break;
            case "daemonSocketDir":
                target[key] = "/run/multinet";
                findings.Changed(key, $"{Describe(value)} is Multus's socket folder; multinetd listens on /run/multinet/multinet.sock (the folder its DaemonSet mounts)");
                break;
            case "cniConf":
                findings.NotNeeded(key, "Multus's thin entrypoint writes this key, but Multus never reads it (its key is \"confDir\"); left out");
                break;
            case "prevResult":
                findings.NotNeeded(key, "the runtime sends it with each call; it has no place in a config file; left out");
                break;
            case var same when SameMeaning.Contains(same):
                target[key] = value;
                break;
            default:
                target[key] = value;
                findings.Changed(key, "not a key Multus reads: copied as it is (MultiNet ignores keys it does not know)");
                break;
        }
    }

    private static string CniDirMessage(string? dir)
    {
        var message = $"Multus's cache folder (one file per pod it attached, and libcni's results) becomes \"{MultusCaches.Key}\": multinet reads the caches of the pods Multus attached from there, so their DEL frees what Multus set up. MultiNet's own checkpoints stay in its \"cniDir\" (/var/lib/cni/multinet)";
        return dir is not null && !dir.StartsWith(MultusCaches.MountedByThickDaemonSet + "/", StringComparison.Ordinal)
            ? $"{message}. Thick mode: the DaemonSet mounts only {MultusCaches.MountedByThickDaemonSet}; add a hostPath mount of \"{dir}\" (at the same path)"
            : message;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Describe(JsonNode? node) => node?.ToJsonString() ?? "null";
}
