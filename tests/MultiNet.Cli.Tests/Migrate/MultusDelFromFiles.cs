using System.Text.Json.Nodes;
using MultiNet.Testing.Node;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary>
/// What Multus's DEL does with its files (facts from /work/shared/reference/multus-behaviour.md §3, DEL, and libcni's
/// DelNetworkList): the scratch cache's entries in reverse order, each run from its <c>Bytes</c> on its
/// <c>ifnameRequest</c> (else CNI_IFNAME for the first, <c>net&lt;i&gt;</c> for the others), a conflist's plugins in reverse,
/// each with the result from libcni's result file as <c>prevResult</c>; then the files are removed. Only the reference
/// plugins run, nothing of MultiNet's.
/// </summary>
internal static class MultusDelFromFiles
{
    public static void Run(string multusCniDir, string containerId, string netnsPath, string ifName = "eth0")
    {
        var scratch = Path.Join(multusCniDir, containerId);
        var entries = JsonNode.Parse(File.ReadAllText(scratch))!.AsArray();
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i]!.AsObject();
            var name = (string?)entry["ifnameRequest"] ?? (i == 0 ? ifName : $"net{i}");
            var config = JsonNode.Parse(Convert.FromBase64String((string)entry["Bytes"]!))!.AsObject();
            var resultFile = Path.Join(multusCniDir, "results", $"{config["name"]}-{containerId}-{name}");
            var prevResult = File.Exists(resultFile) ? JsonNode.Parse(File.ReadAllText(resultFile))!["result"] : null;
            var isList = entry["ConfList"]?["plugins"] is JsonArray { Count: > 0 };
            var plugins = isList ? [.. config["plugins"]!.AsArray().Select(p => p!.AsObject())] : new List<JsonObject> { config };
            for (var p = plugins.Count - 1; p >= 0; p--)
            {
                var stdin = (JsonObject)plugins[p].DeepClone();
                stdin["name"] = config["name"]!.DeepClone();
                stdin["cniVersion"] = config["cniVersion"]!.DeepClone();
                if (prevResult is not null)
                {
                    stdin["prevResult"] = prevResult.DeepClone();
                }

                Del((string)stdin["type"]!, stdin, containerId, netnsPath, name);
            }

            File.Delete(resultFile);
        }

        File.Delete(scratch);
    }

    private static void Del(string type, JsonObject stdin, string containerId, string netnsPath, string ifName)
    {
        var env = PluginProcess.Env("DEL", containerId, netnsPath, ifName);
        env["CNI_ARGS"] = "IgnoreUnknown=true";
        var run = PluginProcess.RunAsync(env, stdin.ToJsonString(), Path.Join(RepoLayout.ReferencePlugins, type)).GetAwaiter().GetResult();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{type} DEL on {ifName} failed ({run.ExitCode}): {run.Stdout} {run.Stderr}");
        }
    }
}
