using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Attachments.Checkpoints;

/// <summary>The on-disk form of a <see cref="Checkpoint"/>: self-contained, so DEL needs neither the pod nor the NADs.</summary>
internal static class CheckpointJson
{
    public const string Kind = "multinetCheckpointV1";
    private const string StoredResultVersion = "1.1.0";

    public static byte[] Serialize(Checkpoint checkpoint)
    {
        var plan = checkpoint.Plan;
        var attachments = new JsonArray();
        for (var i = 0; i < plan.Attachments.Count; i++)
        {
            var a = plan.Attachments[i];
            var entry = new JsonObject
            {
                ["network"] = a.NetworkName,
                ["ifName"] = a.IfName,
                ["clusterNetwork"] = a.IsClusterNetwork,
                ["config"] = a.Config.ToJson(),
                ["capabilityArgs"] = a.CapabilityArgs.DeepClone(),
                ["defaultRoute"] = new JsonArray([.. a.DefaultRouteGateways.Select(g => (JsonNode?)JsonValue.Create(g))]),
                ["deviceInfoFile"] = a.DeviceInfoFile,
                ["devicePluginInfoFile"] = a.DevicePluginInfoFile,
            };
            if (checkpoint.Results[i] is { } result)
            {
                entry["result"] = ResultConverter.ToJson(result, StoredResultVersion);
            }

            attachments.Add((JsonNode)entry);
        }

        var root = new JsonObject
        {
            ["kind"] = Kind,
            ["containerId"] = plan.ContainerId,
            ["netns"] = plan.NetNs,
            ["netnsId"] = plan.NetNsIdentity,
            ["ifName"] = plan.IfName,
            ["podNamespace"] = plan.PodNamespace,
            ["podName"] = plan.PodName,
            ["podUid"] = plan.PodUid,
            ["delegateArgs"] = new JsonArray([.. plan.DelegateArgs.Select(p => (JsonNode?)new JsonArray(p.Key, p.Value))]),
            ["attachments"] = attachments,
        };
        return JsonSerializer.SerializeToUtf8Bytes(root, CheckpointJsonContext.Default.JsonObject);
    }

    public static Checkpoint Deserialize(ReadOnlySpan<byte> utf8, string source)
    {
        try
        {
            var root = JsonNode.Parse(utf8) as JsonObject ?? throw Corrupt(source, "not a JSON object");
            if ((string?)root["kind"] != Kind)
            {
                throw Corrupt(source, $"unknown kind \"{root["kind"]}\"");
            }

            var attachments = new List<PlannedAttachment>();
            var results = new List<CniResult?>();
            foreach (var node in root["attachments"] as JsonArray ?? throw Corrupt(source, "no attachments"))
            {
                var entry = node as JsonObject ?? throw Corrupt(source, "attachment is not an object");
                attachments.Add(new PlannedAttachment
                {
                    NetworkName = Required(entry, "network", source),
                    IfName = Required(entry, "ifName", source),
                    IsClusterNetwork = (bool?)entry["clusterNetwork"] ?? false,
                    Config = NetworkConfigList.Parse(entry["config"] as JsonObject ?? throw Corrupt(source, "attachment without config")),
                    CapabilityArgs = entry["capabilityArgs"]?.DeepClone() as JsonObject ?? [],
                    DefaultRouteGateways = (entry["defaultRoute"] as JsonArray)?.Select(g => (string)g!).ToList() ?? [],
                    DeviceInfoFile = (string?)entry["deviceInfoFile"],
                    DevicePluginInfoFile = (string?)entry["devicePluginInfoFile"],
                });
                results.Add(entry["result"] is JsonObject r ? ResultConverter.Parse(r, StoredResultVersion) : null);
            }

            var plan = new AttachmentPlan
            {
                ContainerId = Required(root, "containerId", source),
                NetNs = (string?)root["netns"],
                NetNsIdentity = (string?)root["netnsId"],
                IfName = Required(root, "ifName", source),
                PodNamespace = (string?)root["podNamespace"],
                PodName = (string?)root["podName"],
                PodUid = (string?)root["podUid"],
                DelegateArgs = (root["delegateArgs"] as JsonArray)?
                    .Select(p => new KeyValuePair<string, string>((string)p![0]!, (string)p[1]!)).ToList() ?? [],
                Attachments = attachments,
            };
            return new Checkpoint(plan, results);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw Corrupt(source, e.Message);
        }
        catch (CniException e) when (e.Code != CniErrorCode.Checkpoint)
        {
            throw Corrupt(source, e.Message);
        }
    }

    private static string Required(JsonObject obj, string key, string source) =>
        (string?)obj[key] is { Length: > 0 } s ? s : throw Corrupt(source, $"field \"{key}\" is missing");

    private static CniException Corrupt(string source, string why) =>
        new(CniErrorCode.Checkpoint, $"checkpoint \"{source}\" is unreadable: {why}",
            "the file was not written by this version of multinet or was damaged; the attachments it lists may need manual cleanup");
}
