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

    /// <summary>Renders deploy/<paramref name="variant"/> (a folder relative to deploy/, e.g. "thick" or "../crds").</summary>
    public static RenderedManifests Render(string variant) => FromYaml(Kubectl("kustomize", Path.Combine(RepoLayout.Root, "deploy", variant)));

    /// <summary>Renders an overlay of deploy/<paramref name="variant"/> with the one "images:" edit docs/install.md shows.</summary>
    public static RenderedManifests RenderWithImage(string variant, string newName, string newTag)
    {
        var overlay = Directory.CreateTempSubdirectory("multinet-overlay-");
        try
        {
            File.WriteAllText(Path.Combine(overlay.FullName, "kustomization.yaml"), $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                bases:
                - {Path.GetRelativePath(overlay.FullName, Path.Combine(RepoLayout.Root, "deploy", variant))}
                images:
                - name: localhost/multinet
                  newName: {newName}
                  newTag: "{newTag}"
                """);
            return FromYaml(Kubectl("kustomize", overlay.FullName));
        }
        finally
        {
            overlay.Delete(recursive: true);
        }
    }

    private static RenderedManifests FromYaml(string yaml)
    {
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
