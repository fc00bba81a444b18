using System.Text.Json.Nodes;
using MultiNet.Cli.Output;

namespace MultiNet.Cli.Migrate;

/// <summary>What <c>migrate</c> prints: the converted config on stdout, one line per finding and a summary on stderr (or one JSON document).</summary>
internal static class MigrationReport
{
    public static void WriteText(MigrationResult result, string source, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine(JsonText.Indented(result.Output));
        foreach (var f in result.Findings)
        {
            stderr.WriteLine($"{source}: {f.Key}: {f.KindText}: {f.Message}");
        }

        stderr.WriteLine($"multinetctl migrate: {Summary(result)}");
    }

    public static void WriteJson(MigrationResult result, string source, TextWriter stdout) => stdout.WriteLine(JsonText.Indented(new JsonObject
    {
        ["source"] = source,
        ["kind"] = result.Shape switch
        {
            MultusShape.PluginConfig => "plugin-config",
            MultusShape.PluginConfList => "plugin-conflist",
            _ => "daemon-config",
        },
        ["carriedOver"] = result.CarriedOver,
        ["config"] = result.Output.DeepClone(),
        ["findings"] = new JsonArray([.. result.Findings.Select(f => (JsonNode)f.ToJson())]),
    }));

    private static string Summary(MigrationResult result)
    {
        var target = result.Shape == MultusShape.DaemonConfig ? "multinetd daemon.json" : "multinet plugin config";
        var counts = $"{Count(result, FindingKind.Changed)} key(s) changed, {Count(result, FindingKind.NotNeeded)} not needed, {Count(result, FindingKind.NotCarriedOver)} not carried over";
        return result.CarriedOver ? $"{target} printed; {counts}" : $"{target} printed; {counts} -- some settings are lost, read the lines above";
    }

    private static int Count(MigrationResult result, FindingKind kind) => result.Findings.Count(f => f.Kind == kind);
}
