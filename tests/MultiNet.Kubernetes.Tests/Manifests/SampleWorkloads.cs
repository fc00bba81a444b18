namespace MultiNet.Kubernetes.Tests.Manifests;

/// <summary>Workload manifests with the pod's networks annotation where each kind keeps its pod.</summary>
internal static class SampleWorkloads
{
    /// <summary>An object of <paramref name="kind"/> whose pod (at <paramref name="podPath"/>, "" for a Pod) asks for <paramref name="networks"/>.</summary>
    public static string Workload(string apiVersion, string kind, string name, string ns, string podPath, string networks)
    {
        var pod = $"metadata:\n  annotations:\n    k8s.v1.cni.cncf.io/networks: \"{networks}\"\nspec:\n  containers: []\n";
        if (podPath.Length == 0)
        {
            return $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
                + $"  annotations:\n    k8s.v1.cni.cncf.io/networks: \"{networks}\"\nspec:\n  containers: []\n";
        }

        var parts = podPath.Split('.');
        var body = pod;
        foreach (var part in parts.Reverse())
        {
            body = $"{part}:\n" + string.Join('\n', body.TrimEnd('\n').Split('\n').Select(line => "  " + line)) + "\n";
        }

        return $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\n" + body;
    }
}
