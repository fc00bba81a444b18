using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;

namespace MultiNet.NetworkPlumbing.Definitions;

/// <summary>
/// Turns a NetworkAttachmentDefinition into the CNI configuration to run (NPWG spec §3.4): <c>spec.config</c> when
/// present (with the NAD's name injected when the config has none), otherwise a file in the node's conf dir whose
/// <c>name</c> is the NAD's name, conflists before single confs.
/// </summary>
public static class NetworkConfigResolver
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Resolves <paramref name="nad"/>. Errors keep the code <see cref="NetworkConfigList.Parse(JsonObject)"/> gave and are
    /// prefixed <c>network "ns/name": spec.config:</c>; no config anywhere is <see cref="CniErrorCode.NetworkNotFound"/>.
    /// </summary>
    public static NetworkConfigList Resolve(NetworkAttachmentDefinition nad, string confDir)
    {
        ArgumentNullException.ThrowIfNull(nad);
        ArgumentNullException.ThrowIfNull(confDir);
        string network = $"network \"{nad.Namespace}/{nad.Name}\"";
        if (!string.IsNullOrWhiteSpace(nad.Config))
        {
            return FromSpec(nad.Config, nad.Name, network);
        }

        try
        {
            return FindInConfDir(confDir, nad.Name)
                ?? throw new CniException(
                    CniErrorCode.NetworkNotFound,
                    $"{network}: no config in spec.config and no file in {confDir} with \"name\": \"{nad.Name}\"");
        }
        catch (CniException e) when (e.Code != CniErrorCode.NetworkNotFound)
        {
            throw e.WithContext(network);
        }
    }

    /// <summary>
    /// The config in <paramref name="confDir"/> named <paramref name="networkName"/>: <c>*.conflist</c> files first,
    /// then <c>*.conf</c> and <c>*.json</c>, each group in file-name order. Unreadable files, invalid JSON and other
    /// names are skipped; null when nothing matches. A file that matches by name but is not a valid config is reported
    /// (prefixed <c>file "path":</c>) only when no other file matches.
    /// </summary>
    public static NetworkConfigList? FindInConfDir(string confDir, string networkName)
    {
        ArgumentNullException.ThrowIfNull(confDir);
        ArgumentNullException.ThrowIfNull(networkName);
        CniException? invalidMatch = null;
        foreach (string path in CandidateFiles(confDir))
        {
            if (ReadObject(path) is not { } obj
                || obj["name"] is not JsonValue nameNode
                || !nameNode.TryGetValue(out string? name)
                || !string.Equals(name, networkName, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                return NetworkConfigList.Parse(obj);
            }
            catch (CniException e)
            {
                invalidMatch ??= e.WithContext($"file \"{path}\"");
            }
        }

        return invalidMatch is null ? null : throw invalidMatch;
    }

    private static NetworkConfigList FromSpec(string config, string nadName, string network)
    {
        try
        {
            if (ParseObject(config) is not { } obj)
            {
                // Not a JSON object: let the CNI parser say why, with its own code.
                return NetworkConfigList.Parse(config);
            }

            // §3.4.2: a config without a name takes the NAD's.
            if (obj["name"] is null || (obj["name"] is JsonValue v && v.TryGetValue(out string? s) && s.Length == 0))
            {
                obj.Remove("name");
                obj.Insert(0, "name", nadName);
            }

            return NetworkConfigList.Parse(obj);
        }
        catch (CniException e)
        {
            throw e.WithContext($"{network}: spec.config");
        }
    }

    private static IEnumerable<string> CandidateFiles(string confDir)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(confDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }

        IEnumerable<string> lists = files.Where(f => HasExtension(f, ".conflist"));
        IEnumerable<string> singles = files.Where(f => HasExtension(f, ".conf") || HasExtension(f, ".json"));
        return lists.Order(StringComparer.Ordinal).Concat(singles.Order(StringComparer.Ordinal));
    }

    private static bool HasExtension(string path, string extension) =>
        string.Equals(Path.GetExtension(path), extension, StringComparison.Ordinal);

    private static JsonObject? ReadObject(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return ParseObject(text);
    }

    private static JsonObject? ParseObject(string text)
    {
        try
        {
            // Own transcoding: a lone surrogate must not become an ArgumentException.
            return JsonNode.Parse(Encoding.UTF8.GetBytes(text), documentOptions: Strict) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
