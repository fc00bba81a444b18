using System.Text.Json.Nodes;

namespace MultiNet.Testing.ApiServer;

/// <summary>RFC 7386 JSON merge patch; also stands in for strategic merge patch (lists are replaced whole).</summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key == "$patch" || key.StartsWith("$setElementOrder/", StringComparison.Ordinal))
            {
                continue; // strategic-merge directives: nothing to do when lists are replaced whole
            }

            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var existing = result[key];
            result.Remove(key);
            var merged = Apply(existing, value);
            result[key] = merged;
        }

        return result;
    }
}
