using System.Text.Json;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Devices;

/// <summary>
/// Reads device allocations from the kubelet device manager's checkpoint file, the fallback when the
/// PodResources socket is not there: <c>{"Data":{"PodDeviceEntries":[{"PodUID","ContainerName","ResourceName","DeviceIDs"}]}}</c>.
/// </summary>
/// <remarks>
/// DeviceIDs is a map of NUMA node to IDs since Kubernetes 1.20 and a plain list before; both are read.
/// The checksum is not verified: it hashes Go's in-memory layout, and a torn file fails to parse anyway.
/// </remarks>
internal static class KubeletCheckpoint
{
    /// <summary>The pod's device IDs for <paramref name="resourceName"/> across its containers, distinct and sorted ordinally.</summary>
    public static IReadOnlyList<string> ReadDeviceIds(string path, string podUid, string resourceName)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return FindDeviceIds(document.RootElement, podUid, resourceName);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new CniException(CniErrorCode.DeviceAllocation, $"kubelet checkpoint \"{path}\": not a device manager checkpoint: {e.Message}", inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.DeviceAllocation, $"kubelet checkpoint \"{path}\": cannot read: {e.Message}", inner: e);
        }
    }

    private static IReadOnlyList<string> FindDeviceIds(JsonElement root, string podUid, string resourceName)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("no \"Data\" object");
        }

        var found = new SortedSet<string>(StringComparer.Ordinal);
        if (!data.TryGetProperty("PodDeviceEntries", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        foreach (var entry in entries.EnumerateArray())
        {
            if (Text(entry, "PodUID") == podUid && Text(entry, "ResourceName") == resourceName
                && entry.TryGetProperty("DeviceIDs", out var ids))
            {
                AddIds(ids, found);
            }
        }

        return [.. found];
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void AddIds(JsonElement ids, SortedSet<string> found)
    {
        switch (ids.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var id in ids.EnumerateArray())
                {
                    found.Add(id.GetString() ?? throw new InvalidOperationException("DeviceIDs holds a null"));
                }

                break;
            case JsonValueKind.Object:
                foreach (var numaNode in ids.EnumerateObject())
                {
                    AddIds(numaNode.Value, found);
                }

                break;
            case JsonValueKind.Null:
                break;
            default:
                throw new InvalidOperationException($"DeviceIDs is a {ids.ValueKind}, not a list or a map of NUMA node to list");
        }
    }
}
