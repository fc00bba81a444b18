using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Results;

namespace MultiNet.Cli.Migrate.Rollback;

/// <summary>
/// One MultiNet checkpoint as the files Multus would have written for the same pod (docs/migrating-from-multus.md, going
/// back): its scratch cache <c>&lt;cniDir&gt;/&lt;containerID&gt;</c>, a JSON array of delegates (cluster network first,
/// each with the exact config in <c>Bytes</c> and its interface in <c>ifnameRequest</c>), and libcni's result file per
/// attachment (<c>results/&lt;network&gt;-&lt;containerID&gt;-&lt;ifName&gt;</c>, kind <c>cniCacheV1</c>), so that Multus's DEL
/// tears down exactly what MultiNet set up, with each result as <c>prevResult</c>, and its GC counts the pod as valid.
/// </summary>
internal static class MultusCacheExport
{
    /// <summary>The scratch cache's JSON array.</summary>
    public static JsonArray ScratchCache(Checkpoint checkpoint) =>
        new([.. checkpoint.Plan.Attachments.Select(a => (JsonNode)Entry(a))]);

    /// <summary>(file name under <c>results/</c>, content) for each attachment that has a result.</summary>
    public static IEnumerable<(string FileName, JsonObject Content)> ResultFiles(Checkpoint checkpoint)
    {
        var plan = checkpoint.Plan;
        for (var i = 0; i < plan.Attachments.Count; i++)
        {
            if (checkpoint.Results[i] is not { } result)
            {
                continue;
            }

            var a = plan.Attachments[i];
            yield return ($"{a.Config.Name}-{plan.ContainerId}-{a.IfName}", new JsonObject
            {
                ["kind"] = "cniCacheV1",
                ["containerId"] = plan.ContainerId,
                ["config"] = System.Convert.ToBase64String(Bytes(a)),
                ["ifName"] = a.IfName,
                ["networkName"] = a.Config.Name,
                ["cniArgs"] = new JsonArray([.. plan.DelegateArgs.Select(kv => (JsonNode)new JsonArray(kv.Key, kv.Value))]),
                ["capabilityArgs"] = a.CapabilityArgs.DeepClone(),
                ["result"] = ResultConverter.ToJson(result, a.Config.CniVersion),
            });
        }
    }

    private static JsonObject Entry(PlannedAttachment a)
    {
        var config = a.Config;
        var single = config.IsSingleConf && config.Plugins.Count == 1;

        // Multus reads Conf and ConfList only for their shape (a conflist when ConfList.plugins is not empty) and runs
        // Bytes: the minimal fields keep Go's decoder away from plugin keys of unexpected types.
        var entry = new JsonObject
        {
            ["Conf"] = single ? new JsonObject { ["cniVersion"] = config.CniVersion, ["name"] = config.Name, ["type"] = Type(config.Plugins[0]) } : new JsonObject(),
            ["ConfList"] = single ? new JsonObject() : new JsonObject
            {
                ["cniVersion"] = config.CniVersion,
                ["name"] = config.Name,
                ["plugins"] = new JsonArray([.. config.Plugins.Select(p => (JsonNode)new JsonObject { ["type"] = Type(p) })]),
            },
            ["Name"] = a.NetworkName,
            ["ifnameRequest"] = a.IfName,
        };
        if (a.CapabilityArgs["mac"] is JsonValue mac && mac.GetValueKind() == JsonValueKind.String)
        {
            entry["macRequest"] = mac.GetValue<string>();
        }

        if (a.CapabilityArgs["ips"] is JsonArray ips)
        {
            entry["ipRequest"] = ips.DeepClone();
        }

        if (a.CapabilityArgs["infinibandGUID"] is JsonValue guid && guid.GetValueKind() == JsonValueKind.String)
        {
            entry["infinibandGUIDRequest"] = guid.GetValue<string>();
        }

        entry["IsFilterV4Gateway"] = false;
        entry["IsFilterV6Gateway"] = false;
        entry["Bytes"] = System.Convert.ToBase64String(Bytes(a));
        return entry;
    }

    private static byte[] Bytes(PlannedAttachment a) => Encoding.UTF8.GetBytes(a.Config.ToJson().ToJsonString());

    private static string Type(JsonObject plugin) => plugin["type"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
}
