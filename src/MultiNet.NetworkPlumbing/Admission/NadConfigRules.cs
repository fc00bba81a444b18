using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>The rules for <c>spec.config</c>: a JSON object that is a conf with <c>type</c> or a conflist whose every plugin has one.</summary>
internal static class NadConfigRules
{
    /// <summary>The path of the config in a NAD.</summary>
    public const string ConfigPath = "spec.config";

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Checks <paramref name="config"/>; returns the parsed object when it is one (for later rules), else null.</summary>
    public static JsonObject? Check(string config, string nadName, FindingList findings)
    {
        if (Parse(config, findings) is not { } root)
        {
            return null;
        }

        CheckName(root, nadName, findings);
        CheckVersion(root, findings);
        if (root["plugins"] is null)
        {
            CheckPlugin(root, ConfigPath, "the conf needs \"type\" (the CNI plugin binary, e.g. \"bridge\"), or a \"plugins\" list", findings);
            return root;
        }

        if (root["type"] is not null)
        {
            findings.Warning($"{ConfigPath}.type", RuleReasons.AmbiguousConfig,
                "is ignored because the config has \"plugins\" (it is a conflist); move it into a plugin or remove it");
        }

        if (root["plugins"] is not JsonArray plugins || plugins.Count == 0)
        {
            findings.Error($"{ConfigPath}.plugins", RuleReasons.InvalidPlugins,
                $"expected a non-empty array of plugin objects, got {(root["plugins"] is JsonArray ? "an empty array" : ConfigNodes.Kind(root["plugins"]))}");
            return root;
        }

        for (int i = 0; i < plugins.Count; i++)
        {
            string path = $"{ConfigPath}.plugins[{i}]";
            if (plugins[i] is JsonObject plugin)
            {
                CheckPlugin(plugin, path, "every plugin of a conflist needs \"type\" (the CNI plugin binary, e.g. \"bridge\")", findings);
            }
            else
            {
                findings.Error(path, RuleReasons.InvalidPlugins, $"expected a plugin object, got {ConfigNodes.Kind(plugins[i])}");
            }
        }

        return root;
    }

    private static JsonObject? Parse(string config, FindingList findings)
    {
        JsonNode? node;
        try
        {
            // Own transcoding: a lone surrogate must be a finding, not an ArgumentException.
            byte[] utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(config);
            node = JsonNode.Parse(utf8, documentOptions: Strict);
        }
        catch (Exception e) when (e is JsonException or EncoderFallbackException or ArgumentException)
        {
            string where = e is JsonException { LineNumber: { } line, BytePositionInLine: { } column }
                ? $" at line {line + 1}, column {column + 1}"
                : string.Empty;
            findings.Error(ConfigPath, RuleReasons.InvalidConfigJson, $"is not valid JSON{where}: {FirstSentence(e.Message)}; spec.config holds a CNI config or conflist as a JSON string");
            return null;
        }

        if (node is JsonObject obj)
        {
            return obj;
        }

        findings.Error(ConfigPath, RuleReasons.InvalidConfigJson, $"must be a JSON object (a CNI config or conflist), got {ConfigNodes.Kind(node)}");
        return null;
    }

    private static void CheckName(JsonObject root, string nadName, FindingList findings)
    {
        string? name = ConfigNodes.String(root, "name", ConfigPath, RuleReasons.InvalidConfigName, findings);
        if (string.IsNullOrEmpty(name))
        {
            // NPWG §3.4.2: a config without a name takes the NAD's.
            return;
        }

        if (!CniIdentifiers.IsValidNetworkName(name) || name.Contains('\n', StringComparison.Ordinal))
        {
            findings.Error($"{ConfigPath}.name", RuleReasons.InvalidConfigName,
                $"{QuotedValue.Of(name)} is not a CNI network name (letters, digits, '_', '.', '-', starting with a letter or digit); use the NAD's name");
        }
        else if (!string.Equals(name, nadName, StringComparison.Ordinal))
        {
            findings.Warning($"{ConfigPath}.name", RuleReasons.ConfigNameMismatch,
                $"{QuotedValue.Of(name)} differs from the NAD's name {QuotedValue.Of(nadName)}; it works, but the NPWG spec recommends they match (results and IPAM state are keyed by it)");
        }
    }

    private static void CheckVersion(JsonObject root, FindingList findings)
    {
        string? single = ConfigNodes.String(root, "cniVersion", ConfigPath, RuleReasons.UnsupportedCniVersion, findings);
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(single))
        {
            candidates.Add(single);
        }

        JsonArray? many = ConfigNodes.Array(root, "cniVersions", ConfigPath, RuleReasons.UnsupportedCniVersion, findings);
        foreach (JsonNode? v in many ?? [])
        {
            if (v is JsonValue value && value.TryGetValue(out string? s))
            {
                candidates.Add(s);
            }
        }

        string supported = string.Join(", ", CniVersions.Supported);
        if (candidates.Count == 0 && root["cniVersion"] is null && many is null)
        {
            findings.Error($"{ConfigPath}.cniVersion", RuleReasons.MissingCniVersion,
                $"is missing; add the CNI version the plugins speak, e.g. \"cniVersion\": \"1.0.0\" (supported: {supported})");
        }
        else if (candidates.Count > 0 && CniVersions.HighestSupported(candidates) is null)
        {
            string field = string.IsNullOrEmpty(single) ? $"{ConfigPath}.cniVersions" : $"{ConfigPath}.cniVersion";
            findings.Error(field, RuleReasons.UnsupportedCniVersion,
                $"{string.Join(", ", candidates.Select(QuotedValue.Of))} is not a CNI version MultiNet speaks; use one of {supported}");
        }
    }

    private static void CheckPlugin(JsonObject plugin, string path, string missingTypeHint, FindingList findings)
    {
        JsonNode? type = plugin["type"];
        if (type is null)
        {
            findings.Error($"{path}.type", RuleReasons.MissingType, $"is missing: {missingTypeHint}");
        }
        else if (type is not JsonValue v || !v.TryGetValue(out string? binary) || binary.Length == 0)
        {
            findings.Error($"{path}.type", RuleReasons.InvalidType, $"must be a non-empty string naming the plugin binary, got {type.ToJsonString()}");
        }
        else if (binary.AsSpan().IndexOfAny('/', '\\') >= 0)
        {
            findings.Error($"{path}.type", RuleReasons.InvalidType,
                $"{QuotedValue.Of(binary)} is a path; give the binary's name only (it is looked up in the node's CNI bin dir)");
        }

        CheckCapabilities(plugin, path, findings);
        IpamRules.Check(plugin, path, findings);
    }

    private static void CheckCapabilities(JsonObject plugin, string path, FindingList findings)
    {
        JsonNode? node = plugin["capabilities"];
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject caps)
        {
            // The plugin refuses such a NAD (code 7) before any delegate runs, so admission refuses it too.
            findings.Error($"{path}.capabilities", RuleReasons.InvalidCapabilities,
                $"expected an object such as {{\"ips\": true}}, got {ConfigNodes.Kind(node)}");
            return;
        }

        foreach ((string name, JsonNode? value) in caps)
        {
            if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                findings.Error($"{path}.capabilities.{name}", RuleReasons.InvalidCapabilities,
                    $"expected true or false, got {ConfigNodes.Kind(value)}");
            }
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        string first = end > 0 ? message[..end] : message.TrimEnd('.');
        return first.Length > 0 ? char.ToLowerInvariant(first[0]) + first[1..] : first;
    }
}
