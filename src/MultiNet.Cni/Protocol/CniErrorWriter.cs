using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Cni.Protocol;

/// <summary>Writes the CNI error JSON a plugin prints on stdout when it fails.</summary>
public static class CniErrorWriter
{
    /// <summary><c>{"cniVersion":…,"code":N,"msg":…,"details":…}</c>; <c>details</c> omitted when null.</summary>
    public static string ToJson(CniException e, string cniVersion)
    {
        ArgumentNullException.ThrowIfNull(e);
        var obj = new JsonObject
        {
            ["cniVersion"] = cniVersion,
            ["code"] = (int)e.Code,
            ["msg"] = e.Message,
        };
        if (e.Details is not null)
        {
            obj["details"] = e.Details;
        }

        // Relaxed escaping: messages quote names ("default/net-a"), and a person reads them in the kubelet log.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            obj.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
