namespace MultiNet.Cli.Tests.Commands;

/// <summary>Manifests with known problems for <c>validate</c>, one per rule family, and clean ones.</summary>
internal static class ValidateManifests
{
    public static string Nad(string name, string config, string ns = "default") => $$"""
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          config: '{{config}}'

        """;

    public static string Macvlan(string name, string capabilities = "") =>
        "{\"cniVersion\":\"1.0.0\",\"name\":\"" + name + "\",\"type\":\"macvlan\",\"master\":\"eth0\"" + capabilities
        + ",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"198.19.8.0/24\"}}";

    public static string Pod(string name, string networks, string ns = "default") => ManifestText.PodYaml(ns, name, networks);

    public static string Deployment(string name, string networks) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
        {PodTemplate(networks, "    ")}
        """;

    public static string CronJob(string name, string networks) => $"""
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: {name}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
        {PodTemplate(networks, "        ")}
        """;

    private static string PodTemplate(string networks, string indent) => string.Join('\n', $"""
        metadata:
          annotations:
            k8s.v1.cni.cncf.io/networks: '{networks}'
        spec:
          restartPolicy: Never
          containers:
            - name: app
              image: registry.k8s.io/pause:3.10

        """.Split('\n').Select(line => line.Length == 0 ? line : indent + line));
}
