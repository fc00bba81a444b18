using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Cli.Tests.Commands;

/// <summary>Manifest files as a person writes them: YAML with the CNI config as a block scalar, or JSON.</summary>
internal static class ManifestText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string NadYaml(string ns, string name, JsonObject config) => $"""
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          config: |
        {Indent(config.ToJsonString(Indented), "    ")}

        """;

    public static string NadJson(string ns, string name, JsonObject config) => new JsonObject
    {
        ["apiVersion"] = "k8s.cni.cncf.io/v1",
        ["kind"] = "NetworkAttachmentDefinition",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["config"] = config.ToJsonString() },
    }.ToJsonString(Indented);

    public static string PodYaml(string ns, string name, string networksAnnotation) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          annotations:
            k8s.v1.cni.cncf.io/networks: |
        {Indent(networksAnnotation, "      ")}
        spec:
          containers:
            - name: app
              image: registry.k8s.io/pause:3.10

        """;

    private static string Indent(string text, string prefix) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => prefix + line));
}
