using System.Text.Json.Nodes;

namespace MultiNet.Testing.ApiServer;

/// <summary>Direct access to the stand-in's objects, for arranging and asserting in tests (watches see these changes).</summary>
public sealed partial class KubeApiStandIn
{
    /// <summary>All Events (core/v1 and events.k8s.io/v1) in the order they were created.</summary>
    public IReadOnlyList<JsonObject> Events => _store.InCreationOrder("Event");

    /// <summary>Creates a pod (one container, phase Pending); returns the stored object.</summary>
    public JsonObject AddPod(string ns, string name, IDictionary<string, string>? annotations = null, string? nodeName = null,
        string? uid = null, IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (uid is not null)
        {
            metadata["uid"] = uid;
        }

        if (labels is not null)
        {
            metadata["labels"] = StringMap(labels);
        }

        if (annotations is not null)
        {
            metadata["annotations"] = StringMap(annotations);
        }

        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "registry.k8s.io/pause:3.10" }),
        };
        if (nodeName is not null)
        {
            spec["nodeName"] = nodeName;
        }

        return _store.Create(ResourceType.Pods, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending" },
        });
    }

    /// <summary>Deletes a pod; a missing pod is ignored.</summary>
    public void DeletePod(string ns, string name) => _store.Delete(ObjectStore.KeyOf(ResourceType.Pods, ns, name));

    /// <summary>Creates a NetworkAttachmentDefinition with <c>spec.config</c> (omitted when null) and the resourceName annotation.</summary>
    public JsonObject AddNad(string ns, string name, string? config, string? resourceName = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (resourceName is not null)
        {
            metadata["annotations"] = new JsonObject { ["k8s.v1.cni.cncf.io/resourceName"] = resourceName };
        }

        var spec = new JsonObject();
        if (config is not null)
        {
            spec["config"] = config;
        }

        return _store.Create(ResourceType.NetworkAttachmentDefinitions, new JsonObject
        {
            ["apiVersion"] = "k8s.cni.cncf.io/v1",
            ["kind"] = "NetworkAttachmentDefinition",
            ["metadata"] = metadata,
            ["spec"] = spec,
        });
    }

    /// <summary>Deletes a NetworkAttachmentDefinition; a missing one is ignored.</summary>
    public void DeleteNad(string ns, string name) =>
        _store.Delete(ObjectStore.KeyOf(ResourceType.NetworkAttachmentDefinitions, ns, name));

    /// <summary>Creates any object of a served kind (Pod, NetworkAttachmentDefinition, Event, Node, Namespace, ConfigMap, Secret, ValidatingWebhookConfiguration, Lease).</summary>
    public JsonObject AddObject(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = (string?)obj["kind"] ?? throw new ArgumentException("the object has no kind", nameof(obj));
        var type = ResourceType.FindByKind(kind) ?? throw new ArgumentException($"kind {kind} is not served", nameof(obj));
        return _store.Create(type, (JsonObject)obj.DeepClone());
    }

    /// <summary>Changes a stored object in place (watches see MODIFIED); returns the stored result.</summary>
    public JsonObject UpdateObject(string kind, string? ns, string name, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var type = ResourceType.FindByKind(kind) ?? throw new ArgumentException($"kind {kind} is not served", nameof(kind));
        return _store.Update(type, ObjectStore.KeyOf(type, ns, name), current =>
        {
            change(current);
            return current;
        });
    }

    /// <summary>Sets (or, with null, removes) one annotation of a pod.</summary>
    public JsonObject SetPodAnnotation(string ns, string name, string key, string? value) =>
        UpdateObject("Pod", ns, name, pod =>
        {
            var metadata = (JsonObject)pod["metadata"]!;
            var annotations = metadata["annotations"] as JsonObject ?? [];
            metadata["annotations"] = annotations;
            if (value is null)
            {
                annotations.Remove(key);
            }
            else
            {
                annotations[key] = value;
            }
        });

    /// <summary>Deletes any stored object; returns false when it did not exist.</summary>
    public bool DeleteObject(string kind, string? ns, string name)
    {
        var type = ResourceType.FindByKind(kind) ?? throw new ArgumentException($"kind {kind} is not served", nameof(kind));
        return _store.Delete(ObjectStore.KeyOf(type, ns, name)) is not null;
    }

    /// <summary>A copy of a stored object (kind Pod, NetworkAttachmentDefinition, Event, ...), or null.</summary>
    public JsonObject? GetObject(string kind, string? ns, string name)
    {
        var type = ResourceType.FindByKind(kind) ?? throw new ArgumentException($"kind {kind} is not served", nameof(kind));
        return _store.Get(ObjectStore.KeyOf(type, ns, name));
    }

    /// <summary>How many objects of a kind (Pod, NetworkAttachmentDefinition, ...) the stand-in holds.</summary>
    public int CountObjects(string kind) => _store.InCreationOrder(kind).Count;

    /// <summary>One annotation of a pod, or null when the pod or the annotation does not exist.</summary>
    public string? GetPodAnnotation(string ns, string name, string key) =>
        (string?)GetObject("Pod", ns, name)?["metadata"]?["annotations"]?[key];

    /// <summary>Forgets the change history: a WATCH from an older resourceVersion then gets a 410 Expired ERROR event.</summary>
    public void CompactHistory() => _store.Compact();

    private static JsonObject StringMap(IDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values)
        {
            map[key] = value;
        }

        return map;
    }
}
