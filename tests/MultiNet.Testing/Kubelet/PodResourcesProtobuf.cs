using System.Text;

namespace MultiNet.Testing.Kubelet;

/// <summary>
/// Encodes a kubelet podresources v1 <c>ListPodResourcesResponse</c> by hand, including the fields a client
/// must skip (cpu_ids, topology) the way a real kubelet sends them.
/// </summary>
public static class PodResourcesProtobuf
{
    /// <summary>One PodResources per pod, one ContainerResources per container, one ContainerDevices per resource.</summary>
    public static byte[] EncodeListResponse(IEnumerable<FakePodDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var response = new MemoryStream();
        foreach (var pod in devices.GroupBy(d => (d.PodNamespace, d.PodName)))
        {
            var podMessage = new MemoryStream();
            WriteString(podMessage, 1, pod.Key.PodName);
            WriteString(podMessage, 2, pod.Key.PodNamespace);
            foreach (var container in pod.GroupBy(d => d.Container))
            {
                var containerMessage = new MemoryStream();
                WriteString(containerMessage, 1, container.Key);
                foreach (var allocation in container)
                {
                    var deviceMessage = new MemoryStream();
                    WriteString(deviceMessage, 1, allocation.Resource);
                    foreach (var id in allocation.DeviceIds)
                    {
                        WriteString(deviceMessage, 2, id);
                    }

                    WriteBytes(deviceMessage, 3, TopologyOnNumaNode(1));
                    WriteBytes(containerMessage, 2, deviceMessage.ToArray());
                }

                WriteBytes(containerMessage, 3, [2, 3]);   // cpu_ids, packed int64
                WriteBytes(podMessage, 3, containerMessage.ToArray());
            }

            WriteBytes(response, 1, podMessage.ToArray());
        }

        return response.ToArray();
    }

    /// <summary>Writes a field tag: field number and wire type.</summary>
    public static void WriteTag(Stream stream, int field, int wireType) => WriteVarint(stream, (ulong)((field << 3) | wireType));

    /// <summary>Writes a base-128 varint.</summary>
    public static void WriteVarint(Stream stream, ulong value)
    {
        ArgumentNullException.ThrowIfNull(stream);
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    /// <summary>Writes a length-delimited field.</summary>
    public static void WriteBytes(Stream stream, int field, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(value);
        WriteTag(stream, field, 2);
        WriteVarint(stream, (ulong)value.Length);
        stream.Write(value);
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public static void WriteString(Stream stream, int field, string value) => WriteBytes(stream, field, Encoding.UTF8.GetBytes(value));

    // TopologyInfo { repeated NUMANode nodes = 1; }  NUMANode { int64 ID = 1; }
    private static byte[] TopologyOnNumaNode(ulong node)
    {
        var numaNode = new MemoryStream();
        WriteTag(numaNode, 1, 0);
        WriteVarint(numaNode, node);
        var topology = new MemoryStream();
        WriteBytes(topology, 1, numaNode.ToArray());
        return topology.ToArray();
    }
}
