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

        return obj.ToJsonString();
    }
}
