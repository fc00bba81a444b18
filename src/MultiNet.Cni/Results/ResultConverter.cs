using System.Text.Json.Nodes;
using MultiNet.Cni.Json;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Results;

/// <summary>Parses results of every version into the 1.x hub and writes the hub in any version's shape.</summary>
public static class ResultConverter
{
    /// <summary>
    /// Reads a result; its version is its own <c>cniVersion</c>, else <paramref name="fallbackVersion"/>.
    /// Unknown version: code 1. Wrong JSON or field types: code 6 naming the field.
    /// </summary>
    public static CniResult Parse(JsonNode? json, string fallbackVersion)
    {
        if (json is not JsonObject obj)
        {
            throw new CniException(CniErrorCode.DecodeFailure, "result: must be a JSON object");
        }

        var version = new JsonFieldReader("result", CniErrorCode.DecodeFailure).String(obj, "cniVersion", "cniVersion");
        version = string.IsNullOrEmpty(version) ? fallbackVersion : version;
        return ResultReader.Read(obj, version, ResultShapes.For(version, "result"));
    }

    /// <summary>Reads a result from UTF-8 JSON; see <see cref="Parse(JsonNode?, string)"/>.</summary>
    public static CniResult Parse(ReadOnlySpan<byte> utf8, string fallbackVersion) =>
        Parse(JsonInput.Parse(utf8, "result"), fallbackVersion);

    /// <summary>
    /// Writes <paramref name="result"/> as a <paramref name="targetVersion"/> result. Code 1 for an unknown
    /// version, or when a 0.1.0/0.2.0 target is asked of a result without IP addresses.
    /// </summary>
    public static JsonObject ToJson(CniResult result, string targetVersion)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ResultWriter.Write(result, targetVersion, ResultShapes.For(targetVersion, "result"));
    }

    /// <summary>Compact JSON text of <see cref="ToJson"/>.</summary>
    public static string ToJsonString(CniResult r, string targetVersion) => ToJson(r, targetVersion).ToJsonString();

    /// <summary>The same result relabelled as produced in <paramref name="targetVersion"/>, dropping what it cannot hold.</summary>
    public static CniResult Convert(CniResult result, string targetVersion) =>
        Parse(ToJson(result, targetVersion), targetVersion);
}
