using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Migration;

/// <summary>
/// libcni's result cache of one attachment Multus made: <c>&lt;cniDir&gt;/results/&lt;networkName&gt;-&lt;containerID&gt;-&lt;ifName&gt;</c>,
/// kind <c>cniCacheV1</c>. It holds the exact config that ran, its CNI_ARGS and capability args, and the result DEL
/// gets as <c>prevResult</c>.
/// </summary>
internal sealed record MultusResultFile
{
    public const string Kind = "cniCacheV1";

    public required string Path { get; init; }
    public required string ContainerId { get; init; }
    public required string NetworkName { get; init; }
    public required string IfName { get; init; }
    /// <summary><c>config</c>, decoded: the config or conflist JSON that ran.</summary>
    public required byte[] Config { get; init; }
    /// <summary><c>cniArgs</c>: the CNI_ARGS pairs the delegate had.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CniArgs { get; init; } = [];
    /// <summary><c>capabilityArgs</c>: the runtimeConfig values offered to the delegate.</summary>
    public JsonObject CapabilityArgs { get; init; } = [];
    /// <summary><c>result</c>, as libcni stored it.</summary>
    public JsonObject? Result { get; init; }

    /// <summary>The results folder of a Multus cniDir.</summary>
    public static string Folder(string cniDir) => System.IO.Path.Combine(cniDir, "results");

    /// <summary>The result files whose name and content say they belong to <paramref name="containerId"/>.</summary>
    public static IReadOnlyList<string> PathsFor(string cniDir, string containerId)
    {
        var folder = Folder(cniDir);
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, $"*-{containerId}-*")] : [];
    }

    /// <summary>Reads one file; code 104 naming the file and field when it is not a libcni result cache.</summary>
    public static MultusResultFile Read(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw Damaged(path, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw Damaged(path, $"not valid JSON ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Damaged(path, $"cannot read: {e.Message}");
        }

        if (Value(Field(root, "kind", path)) != Kind)
        {
            throw Damaged(path, $"field \"kind\" is not \"{Kind}\"");
        }

        byte[] config;
        try
        {
            config = Convert.FromBase64String(Required(root, "config", path));
        }
        catch (FormatException)
        {
            throw Damaged(path, "field \"config\" is not base64");
        }

        return new MultusResultFile
        {
            Path = path,
            ContainerId = Required(root, "containerId", path),
            NetworkName = Required(root, "networkName", path),
            IfName = Required(root, "ifName", path),
            Config = config,
            CniArgs = Pairs(root["cniArgs"], path),
            CapabilityArgs = root["capabilityArgs"]?.DeepClone() as JsonObject ?? [],
            Result = root["result"]?.DeepClone() as JsonObject,
        };
    }

    private static List<KeyValuePair<string, string>> Pairs(JsonNode? node, string path)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (node is not JsonArray array)
        {
            return pairs;
        }

        foreach (var item in array)
        {
            if (item is not JsonArray { Count: 2 } pair || Value(pair[0]) is not { } key || Value(pair[1]) is not { } value)
            {
                throw Damaged(path, "field \"cniArgs\": expected [key, value] pairs of strings");
            }

            pairs.Add(new(key, value));
        }

        return pairs;
    }

    private static string? Value(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode? Field(JsonObject root, string key, string path) =>
        root[key] is null or JsonValue ? root[key] : throw Damaged(path, $"field \"{key}\" is not a string");

    private static string Required(JsonObject root, string key, string path) =>
        Value(Field(root, key, path)) is { Length: > 0 } s ? s : throw Damaged(path, $"field \"{key}\" is missing");

    private static CniException Damaged(string path, string why) =>
        new(CniErrorCode.Checkpoint, $"multus result cache \"{path}\" is unreadable: {why}");
}
