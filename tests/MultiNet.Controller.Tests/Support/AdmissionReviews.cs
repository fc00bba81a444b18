using System.Text.Json.Nodes;

namespace MultiNet.Controller.Tests.Support;

/// <summary>AdmissionReview request bodies as the API server sends them.</summary>
internal static class AdmissionReviews
{
    public static JsonObject For(string kind, string operation, string ns, string name, JsonObject? obj, JsonObject? oldObject = null)
    {
        (string group, string version, string resource) = kind == "Pod"
            ? ("", "v1", "pods")
            : ("k8s.cni.cncf.io", "v1", "network-attachment-definitions");
        var request = new JsonObject
        {
            ["uid"] = Guid.NewGuid().ToString(),
            ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
            ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
            ["requestKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
            ["name"] = name,
            ["namespace"] = ns,
            ["operation"] = operation,
            ["userInfo"] = new JsonObject { ["username"] = "kubernetes-admin", ["groups"] = new JsonArray("system:masters", "system:authenticated") },
            ["object"] = obj?.DeepClone(),
            ["oldObject"] = oldObject?.DeepClone(),
            ["dryRun"] = false,
            ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = operation == "DELETE" ? "DeleteOptions" : "CreateOptions" },
        };
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
    }

    public static JsonObject Nad(string ns, string name, string? config, IDictionary<string, string>? annotations = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (annotations is not null)
        {
            metadata["annotations"] = Map(annotations);
        }

        var spec = new JsonObject();
        if (config is not null)
        {
            spec["config"] = config;
        }

        return new JsonObject { ["apiVersion"] = "k8s.cni.cncf.io/v1", ["kind"] = "NetworkAttachmentDefinition", ["metadata"] = metadata, ["spec"] = spec };
    }

    public static JsonObject Pod(string ns, string name, IDictionary<string, string>? annotations, bool hostNetwork = false)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (annotations is not null)
        {
            metadata["annotations"] = Map(annotations);
        }

        var spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "registry.k8s.io/pause:3.10" }) };
        if (hostNetwork)
        {
            spec["hostNetwork"] = true;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec };
    }

    public static JsonObject PodWithNetworks(string ns, string name, string networks) =>
        Pod(ns, name, new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = networks });

    private static JsonObject Map(IDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach ((string key, string value) in values)
        {
            map[key] = value;
        }

        return map;
    }
}
