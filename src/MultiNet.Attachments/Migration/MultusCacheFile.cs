using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Migration;

/// <summary>
/// Reads Multus's scratch cache of a container: a JSON array of delegates, the cluster network first. Anything that is
/// not that (cut short, not JSON, an entry without <c>Bytes</c>, bad base64) is code 104 naming the file and the entry.
/// </summary>
internal static class MultusCacheFile
{
    public static IReadOnlyList<MultusCacheEntry> Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw Damaged(path, $"not valid JSON ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Damaged(path, $"cannot read: {e.Message}");
        }

        if (root is not JsonArray array || array.Count == 0)
        {
            throw Damaged(path, "expected a non-empty JSON array of delegates");
        }

        var entries = new List<MultusCacheEntry>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var entry = array[i] as JsonObject ?? throw Damaged(path, $"entry {i}: not an object");
            entries.Add(new MultusCacheEntry
            {
                Name = Text(entry, "Name", path, i),
                Config = Bytes(entry, path, i),
                InterfaceRequest = Text(entry, "ifnameRequest", path, i),
                MacRequest = Text(entry, "macRequest", path, i),
                IpRequest = IpRequests(entry, path, i),
                InfinibandGuidRequest = Text(entry, "infinibandGUIDRequest", path, i),
                DeviceId = Text(entry, "deviceID", path, i),
            });
        }

        return entries;
    }

    private static byte[] Bytes(JsonObject entry, string path, int index)
    {
        var text = Text(entry, "Bytes", path, index);
        if (string.IsNullOrEmpty(text))
        {
            throw Damaged(path, $"entry {index}: field \"Bytes\" is missing");
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Damaged(path, $"entry {index}: field \"Bytes\" is not base64");
        }
    }

    private static List<string> IpRequests(JsonObject entry, string path, int index)
    {
        if (entry["ipRequest"] is not { } node)
        {
            return [];
        }

        var ips = node as JsonArray ?? throw Damaged(path, $"entry {index}: field \"ipRequest\" is not a list");
        var list = new List<string>(ips.Count);
        foreach (var ip in ips)
        {
            list.Add(ip is JsonValue v && v.TryGetValue<string>(out var text)
                ? text
                : throw Damaged(path, $"entry {index}: field \"ipRequest\" holds something that is not a string"));
        }

        return list;
    }

    private static string? Text(JsonObject entry, string key, string path, int index) => entry[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? null : s,
        _ => throw Damaged(path, $"entry {index}: field \"{key}\" is not a string"),
    };

    public static CniException Damaged(string path, string why) =>
        new(CniErrorCode.Checkpoint, $"multus cache \"{path}\" is unreadable: {why}");
}
