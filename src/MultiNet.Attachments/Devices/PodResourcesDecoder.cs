namespace MultiNet.Attachments.Devices;

/// <summary>Finds one pod's device IDs for one resource in a kubelet <c>v1.ListPodResourcesResponse</c>.</summary>
/// <remarks>
/// Field numbers from the kubelet's podresources v1 API:
/// ListPodResourcesResponse { repeated PodResources pod_resources = 1; }
/// PodResources { string name = 1; string namespace = 2; repeated ContainerResources containers = 3; }
/// ContainerResources { string name = 1; repeated ContainerDevices devices = 2; … }
/// ContainerDevices { string resource_name = 1; repeated string device_ids = 2; … }
/// </remarks>
internal static class PodResourcesDecoder
{
    /// <summary>The device IDs of <paramref name="resourceName"/> across the pod's containers, distinct and sorted ordinally.</summary>
    public static IReadOnlyList<string> FindDeviceIds(ReadOnlySpan<byte> response, string podNamespace, string podName, string resourceName)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var reader = new ProtobufReader(response);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufWireType.LengthDelimited)
            {
                ReadPod(reader.ReadLengthDelimited(), podNamespace, podName, resourceName, found);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return [.. found];
    }

    // The name may follow the containers on the wire, so a pod's IDs are gathered first and kept only if it matches.
    private static void ReadPod(ReadOnlySpan<byte> pod, string podNamespace, string podName, string resourceName, SortedSet<string> found)
    {
        string? name = null;
        string? @namespace = null;
        var ids = new List<string>();
        var reader = new ProtobufReader(pod);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch ((field, wireType))
            {
                case (1, ProtobufWireType.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (2, ProtobufWireType.LengthDelimited):
                    @namespace = reader.ReadString();
                    break;
                case (3, ProtobufWireType.LengthDelimited):
                    ReadContainer(reader.ReadLengthDelimited(), resourceName, ids);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (name == podName && @namespace == podNamespace)
        {
            found.UnionWith(ids);
        }
    }

    private static void ReadContainer(ReadOnlySpan<byte> container, string resourceName, List<string> ids)
    {
        var reader = new ProtobufReader(container);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 2 && wireType == ProtobufWireType.LengthDelimited)
            {
                ReadDevices(reader.ReadLengthDelimited(), resourceName, ids);
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    private static void ReadDevices(ReadOnlySpan<byte> devices, string resourceName, List<string> ids)
    {
        string? resource = null;
        var deviceIds = new List<string>();
        var reader = new ProtobufReader(devices);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch ((field, wireType))
            {
                case (1, ProtobufWireType.LengthDelimited):
                    resource = reader.ReadString();
                    break;
                case (2, ProtobufWireType.LengthDelimited):
                    deviceIds.Add(reader.ReadString());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (resource == resourceName)
        {
            ids.AddRange(deviceIds);
        }
    }
}
