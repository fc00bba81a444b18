using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;

namespace MultiNet.Daemon.CniConfig;

/// <summary>
/// Finds the primary network config: the one named in the options, or the first <c>.conf</c>, <c>.conflist</c> or
/// <c>.json</c> file by byte order of name (the order libcni and the runtimes use) that is neither our generated file
/// nor another meta-plugin's config (multinet, or a Multus left behind by a migration).
/// </summary>
internal static class PrimaryConfigFinder
{
    private static readonly string[] Extensions = [".conf", ".conflist", ".json"];
    private static readonly HashSet<string> MetaPluginTypes = new(StringComparer.Ordinal) { "multinet", "multus", "multus-shim" };

    /// <summary>Selects the primary config for <paramref name="options"/>.</summary>
    public static PrimarySelection Find(CniConfigOptions options)
    {
        if (!Directory.Exists(options.ConfDir))
        {
            return Fail(PrimaryProblem.ConfDirMissing, $"cni config directory \"{options.ConfDir}\" does not exist", []);
        }

        return options.PrimaryConfigName is { } named ? FindNamed(options, named) : FindFirst(options);
    }

    private static PrimarySelection FindNamed(CniConfigOptions options, string named)
    {
        var path = Path.IsPathRooted(named) ? named : Path.Combine(options.ConfDir, named);
        if (!File.Exists(path))
        {
            return Fail(PrimaryProblem.NoPrimary, $"primary network config \"{path}\" (named in the options) does not exist", []);
        }

        var (primary, problem, isMeta) = Load(path);
        return primary is not null ? new PrimarySelection(primary, PrimaryProblem.None, null, [])
            : isMeta ? Fail(PrimaryProblem.Invalid, $"primary network config \"{path}\" (named in the options) {problem}", [])
            : Fail(PrimaryProblem.Invalid, $"primary network config \"{path}\" is not valid: {problem}", []);
    }

    private static PrimarySelection FindFirst(CniConfigOptions options)
    {
        var skipped = new List<string>();
        foreach (var path in Candidates(options.ConfDir))
        {
            if (Path.GetFileName(path) == options.OutputFileName)
            {
                continue;
            }

            var (primary, problem, isMeta) = Load(path);
            if (primary is not null)
            {
                return new PrimarySelection(primary, PrimaryProblem.None, null, skipped);
            }

            if (!isMeta)
            {
                // Not skipped: a primary being rewritten in place is briefly invalid, and selecting the next file
                // would switch every new pod's cluster network until the write completes.
                return Fail(PrimaryProblem.Invalid, $"primary network config \"{path}\" is not valid: {problem}", skipped);
            }

            skipped.Add($"{path}: {problem}");
        }

        return Fail(PrimaryProblem.NoPrimary,
            $"no primary network config in \"{options.ConfDir}\" (no .conf, .conflist or .json file other than multinet's)", skipped);
    }

    /// <summary>Config files of <paramref name="folder"/> in the order the runtime reads them.</summary>
    public static IEnumerable<string> Candidates(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

    private static (PrimaryConfig? Primary, string? Problem, bool IsMeta) Load(string path)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new JsonException("expected a JSON object");
        }
        catch (JsonException e)
        {
            return (null, $"not valid JSON: {e.Message}", false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {e.Message}", false);
        }

        if (MetaTypeOf(obj) is { } metaType)
        {
            return (null, $"is a \"{metaType}\" meta-plugin config, not a primary network", true);
        }

        NetworkConfigList list;
        try
        {
            list = NetworkConfigList.Parse(obj);
        }
        catch (CniException e)
        {
            return (null, e.Message, false);
        }

        var version = obj["cniVersion"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : list.CniVersion;
        var versions = obj["cniVersions"]?.DeepClone() as JsonArray;
        return (new PrimaryConfig(Path.GetFullPath(path), version, versions, Capabilities(list)), null, false);
    }

    private static string? MetaTypeOf(JsonObject obj)
    {
        var types = obj["plugins"] is JsonArray plugins
            ? plugins.OfType<JsonObject>().Select(p => TypeOf(p))
            : [TypeOf(obj)];
        return types.FirstOrDefault(t => t is not null && MetaPluginTypes.Contains(t));
    }

    private static string? TypeOf(JsonObject plugin) =>
        plugin["type"] is JsonValue v && v.TryGetValue<string>(out var type) ? type : null;

    // Only capabilities a plugin turns on: the runtime passes runtimeConfig for what the list declares.
    private static List<string> Capabilities(NetworkConfigList list) =>
        [.. list.Plugins
            .Select(p => p["capabilities"] as JsonObject)
            .OfType<JsonObject>()
            .SelectMany(caps => caps.Where(kv => kv.Value is JsonValue v && v.TryGetValue<bool>(out var on) && on).Select(kv => kv.Key))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    private static PrimarySelection Fail(PrimaryProblem problem, string reason, IReadOnlyList<string> skipped) =>
        new(null, problem, reason, skipped);
}
