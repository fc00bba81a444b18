using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Deploy;

/// <summary>
/// <c>kubectl kustomize deploy/&lt;variant&gt;</c>, read back as JSON by kubectl itself (<c>annotate --local</c> removing an
/// annotation nobody has: no change, no API server), so the assertions see the types kubectl sees.
/// </summary>
internal sealed class RenderedManifests
{
    private RenderedManifests(IReadOnlyList<JsonObject> objects) => Objects = objects;

    public IReadOnlyList<JsonObject> Objects { get; }

    public static RenderedManifests Render(string variant)
    {
        var folder = Path.Combine(RepoLayout.Root, "deploy", variant);
        var yaml = Kubectl("kustomize", folder);
        var file = Path.Combine(Path.GetTempPath(), $"multinet-render-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, yaml);
            return new RenderedManifests(ReadJsonStream(Kubectl("annotate", "--local", "-f", file, "-o", "json", "multinet.test/none-")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public JsonObject Single(string kind) => Objects.Single(o => Kind(o) == kind);

    public static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    public static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    private static string Kubectl(params string[] args)
    {
        try
        {
            var (code, stdout, stderr) = Shell.Run("kubectl", args);
            return code == 0 ? stdout : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({code}): {stderr}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("kubectl is not installed: scripts/install-deps.sh installs it", e);
        }
    }

    private static List<JsonObject> ReadJsonStream(string json)
    {
        var objects = new List<JsonObject>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            var node = JsonNode.Parse(ref reader)!.AsObject();
            if (node["kind"]?.GetValue<string>() == "List")
            {
                objects.AddRange(node["items"]!.AsArray().Select(i => i!.AsObject()));
            }
            else
            {
                objects.Add(node);
            }
        }

        return objects;
    }
}
