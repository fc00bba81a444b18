using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Cluster;

namespace MultiNet.Kubernetes.Mapping;

/// <summary>Maps a Pod object held as JSON to the engine's <see cref="PodInfo"/>.</summary>
internal static class PodInfoMapper
{
    /// <summary>Reads namespace, name, uid and annotations; a missing uid becomes <see cref="StableUid"/>.</summary>
    public static PodInfo FromJson(JsonObject item, string context)
    {
        var name = KubeObjectFields.Name(item, context);
        var ns = KubeObjectFields.Namespace(item, context);
        return new PodInfo
        {
            Namespace = ns,
            Name = name,
            Uid = KubeObjectFields.Uid(item, context) ?? StableUid(ns, name),
            Annotations = KubeObjectFields.Annotations(item, context),
        };
    }

    /// <summary>A UID derived from namespace and name (an RFC 9562 version 8 UUID), the same on every run.</summary>
    public static string StableUid(string ns, string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"multinet-manifest-pod:{ns}/{name}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
