using System.Text.Json.Nodes;

namespace MultiNet.Cni.Protocol;

/// <summary>The output of the VERSION command.</summary>
public static class VersionInfo
{
    /// <summary><c>{"cniVersion":…,"supportedVersions":[…]}</c>.</summary>
    public static string ToJson(string cniVersion)
    {
        var versions = new JsonArray();
        foreach (var v in CniVersions.Supported)
        {
            versions.Add((JsonNode?)JsonValue.Create(v));
        }

        return new JsonObject { ["cniVersion"] = cniVersion, ["supportedVersions"] = versions }.ToJsonString();
    }
}
