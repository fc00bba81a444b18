using System.Text.Json.Nodes;
using MultiNet.Cli.Output;

namespace MultiNet.Cli.Validate;

/// <summary>What <c>validate</c> prints: one line per problem (or one JSON document), and a summary on stderr.</summary>
internal sealed record ValidationReport(IReadOnlyList<ProblemLine> Lines, int Files, int Objects)
{
    public int Errors => Lines.Count(l => !l.IsWarning);

    public int Warnings => Lines.Count(l => l.IsWarning);

    public string Summary =>
        $"{Objects} object(s) in {Files} file(s): {Errors} error(s), {Warnings} warning(s)";

    public void WriteText(TextWriter output)
    {
        foreach (var line in Lines)
        {
            output.WriteLine(line.ToString());
        }
    }

    public void WriteJson(TextWriter output, bool passed) => output.WriteLine(JsonText.Indented(new JsonObject
    {
        ["passed"] = passed,
        ["files"] = Files,
        ["objects"] = Objects,
        ["errors"] = Errors,
        ["warnings"] = Warnings,
        ["problems"] = new JsonArray([.. Lines.Select(l => (JsonNode)new JsonObject
        {
            ["file"] = l.File,
            ["document"] = l.Document,
            ["object"] = l.Object,
            ["field"] = l.Field,
            ["severity"] = l.IsWarning ? "warning" : "error",
            ["reason"] = l.Reason,
            ["message"] = l.Message,
        })]),
    }));
}
