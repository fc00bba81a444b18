using System.Text.Json.Nodes;
using MultiNet.Cli.Output;

namespace MultiNet.Cli.Migrate.Genie;

/// <summary>
/// What <c>migrate --genie</c> prints. Text: a YAML stream <c>kubectl apply -f -</c> takes — one comment block per object
/// saying which annotations to set and remove, then each NAD as a JSON document — and the findings on stderr.
/// </summary>
internal static class GenieReport
{
    public static void WriteText(GenieMigration migration, TextWriter stdout, TextWriter stderr)
    {
        foreach (var o in migration.Objects)
        {
            stdout.WriteLine($"# {o.Object} ({o.File}:{o.Document}), {o.AnnotationsPath}:");
            foreach (var (name, value) in o.Set)
            {
                stdout.WriteLine($"#   set {name}: \"{value}\"");
            }

            stdout.WriteLine(o.Remove.Count == 0 ? "#   remove nothing" : $"#   remove {string.Join(", ", o.Remove)}");
        }

        foreach (var nad in migration.Networks)
        {
            stdout.WriteLine("---");
            stdout.WriteLine(JsonText.Indented(nad));
        }

        foreach (var o in migration.Objects)
        {
            foreach (var f in o.Findings)
            {
                stderr.WriteLine($"{o.File}:{o.Document}: {o.Object}: {f.Key}: {f.KindText}: {f.Message}");
            }
        }

        foreach (var f in migration.Findings)
        {
            stderr.WriteLine($"{f.Key}: {f.KindText}: {f.Message}");
        }

        stderr.WriteLine($"multinetctl migrate --genie: {migration.Objects.Count} object(s) with Genie annotations, {migration.Networks.Count} NAD(s) written"
            + (migration.CarriedOver ? "" : " -- some requests could not be translated, read the lines above"));
    }

    public static void WriteJson(GenieMigration migration, TextWriter stdout) => stdout.WriteLine(JsonText.Indented(new JsonObject
    {
        ["carriedOver"] = migration.CarriedOver,
        ["objects"] = new JsonArray([.. migration.Objects.Select(o => (JsonNode)new JsonObject
        {
            ["file"] = o.File,
            ["document"] = o.Document,
            ["object"] = o.Object,
            ["annotationsPath"] = o.AnnotationsPath,
            ["set"] = new JsonObject(o.Set.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["remove"] = new JsonArray([.. o.Remove.Select(r => (JsonNode)r)]),
            ["findings"] = Findings(o.Findings),
        })]),
        ["networkAttachmentDefinitions"] = new JsonArray([.. migration.Networks.Select(n => (JsonNode)n.DeepClone())]),
        ["findings"] = Findings(migration.Findings),
    }));

    private static JsonArray Findings(IEnumerable<MigrationFinding> findings) => new([.. findings.Select(f => (JsonNode)f.ToJson())]);
}
