using System.Globalization;
using System.Text.Json.Nodes;

namespace MultiNet.Testing.ApiServer;

/// <summary>The stand-in's etcd: objects by kind, namespace and name, one global resourceVersion, a history for watches.</summary>
internal sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, JsonObject> _objects = [];
    private readonly Dictionary<ObjectKey, long> _createdAt = [];
    private readonly List<StoredEvent> _history = [];
    private readonly List<WatchSubscription> _watchers = [];
    private long _resourceVersion = 1000;
    private long _compactedThrough;

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public int WatchCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public static ObjectKey KeyOf(ResourceType type, string? ns, string name) =>
        new(type.Kind, type.Namespaced ? ns ?? "" : "", name);

    public JsonObject? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(key, out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    public (List<JsonObject> Items, long ResourceVersion) List(string kind, string? ns, ObjectSelector selector)
    {
        lock (_gate)
        {
            var items = _objects
                .Where(p => p.Key.Kind == kind && (ns is null || p.Key.Namespace == ns) && selector.Matches(p.Value))
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => (JsonObject)p.Value.DeepClone())
                .ToList();
            return (items, _resourceVersion);
        }
    }

    /// <summary>Objects of a kind in the order they were created.</summary>
    public List<JsonObject> InCreationOrder(string kind)
    {
        lock (_gate)
        {
            return _objects.Where(p => p.Key.Kind == kind)
                .OrderBy(p => _createdAt[p.Key])
                .Select(p => (JsonObject)p.Value.DeepClone())
                .ToList();
        }
    }

    public JsonObject Create(ResourceType type, JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject ?? throw ApiException.Of(400, "metadata is required");
        var name = (string?)metadata["name"];
        if (string.IsNullOrEmpty(name) && (string?)metadata["generateName"] is { Length: > 0 } prefix)
        {
            name = prefix + Guid.NewGuid().ToString("N")[..5];
            metadata["name"] = name;
        }

        if (string.IsNullOrEmpty(name))
        {
            throw ApiException.Of(422, $"{type.Kind} is invalid: metadata.name: Required value: name or generateName is required");
        }

        var key = KeyOf(type, (string?)metadata["namespace"], name);
        lock (_gate)
        {
            if (_objects.ContainsKey(key))
            {
                throw new ApiException(StatusBody.AlreadyExists(type, name));
            }

            obj["apiVersion"] ??= type.ApiVersion;
            obj["kind"] ??= type.Kind;
            if (string.IsNullOrEmpty((string?)metadata["uid"]))
            {
                metadata["uid"] = Guid.NewGuid().ToString();
            }

            metadata["creationTimestamp"] ??= Timestamp();
            metadata["resourceVersion"] = Bump();
            _objects[key] = obj;
            _createdAt[key] = _resourceVersion;
            Publish(new StoredEvent("ADDED", _resourceVersion, key, obj, null));
            return (JsonObject)obj.DeepClone();
        }
    }

    /// <summary>Replaces an object; a stale metadata.resourceVersion in <paramref name="obj"/> is a 409 Conflict.</summary>
    public JsonObject Update(ResourceType type, ObjectKey key, Func<JsonObject, JsonObject> change)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(key, out var current))
            {
                throw new ApiException(StatusBody.NotFound(type, key.Name));
            }

            var updated = change((JsonObject)current.DeepClone());
            var metadata = updated["metadata"] as JsonObject ?? throw ApiException.Of(400, "metadata is required");
            var asked = (string?)metadata["resourceVersion"];
            if (!string.IsNullOrEmpty(asked) && asked != (string?)current["metadata"]!["resourceVersion"])
            {
                throw new ApiException(StatusBody.Conflict(type, key.Name));
            }

            // A uid in the request is a precondition, as in kube-apiserver: it must name the stored object.
            var currentUid = (string?)current["metadata"]!["uid"];
            if ((string?)metadata["uid"] is { Length: > 0 } askedUid && askedUid != currentUid)
            {
                throw new ApiException(StatusBody.Failure(409, "Conflict",
                    $"Operation cannot be fulfilled on {type.QualifiedName} \"{key.Name}\": Precondition failed: UID in precondition: {askedUid}, UID in object meta: {currentUid}"));
            }

            // Identity fields are the server's.
            metadata["name"] = key.Name;
            if (type.Namespaced)
            {
                metadata["namespace"] = key.Namespace;
            }

            metadata["uid"] = current["metadata"]!["uid"]?.DeepClone();
            metadata["creationTimestamp"] = current["metadata"]!["creationTimestamp"]?.DeepClone();
            metadata["resourceVersion"] = current["metadata"]!["resourceVersion"]?.DeepClone();
            updated["apiVersion"] ??= type.ApiVersion;
            updated["kind"] ??= type.Kind;
            if (JsonNode.DeepEquals(updated, current))
            {
                return (JsonObject)current.DeepClone(); // a no-op write changes nothing, as in kube-apiserver
            }

            metadata["resourceVersion"] = Bump();
            _objects[key] = updated;
            Publish(new StoredEvent("MODIFIED", _resourceVersion, key, updated, current));
            return (JsonObject)updated.DeepClone();
        }
    }

    public JsonObject? Delete(ObjectKey key)
    {
        lock (_gate)
        {
            if (!_objects.Remove(key, out var removed))
            {
                return null;
            }

            _createdAt.Remove(key);
            removed["metadata"]!["resourceVersion"] = Bump();
            Publish(new StoredEvent("DELETED", _resourceVersion, key, removed, removed));
            return (JsonObject)removed.DeepClone();
        }
    }

    /// <summary>Opens a watch. From no resourceVersion (or "0"): ADDED for every current object; from a version: the changes after it.</summary>
    public WatchSubscription Watch(string kind, string? ns, ObjectSelector selector, string? resourceVersion)
    {
        var subscription = new WatchSubscription(kind, ns, selector);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var (key, obj) in _objects.OrderBy(p => _createdAt[p.Key]))
                {
                    if (subscription.Matches(key, obj))
                    {
                        subscription.Send("ADDED", (JsonObject)obj.DeepClone());
                    }
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw ApiException.Of(400, $"invalid resourceVersion \"{resourceVersion}\"");
                }

                if (from < _compactedThrough)
                {
                    throw new ApiException(StatusBody.Failure(410, "Expired",
                        $"too old resource version: {from} ({_compactedThrough})"));
                }

                foreach (var change in _history.Where(e => e.ResourceVersion > from))
                {
                    subscription.Offer(change);
                }
            }

            _watchers.Add(subscription);
            subscription.OnDispose = Unsubscribe;
        }

        return subscription;
    }

    /// <summary>Queues a BOOKMARK carrying the current resourceVersion, ordered with the changes around it.</summary>
    public void SendBookmark(WatchSubscription subscription, ResourceType type, bool initialEventsEnd)
    {
        lock (_gate)
        {
            var metadata = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) };
            if (initialEventsEnd)
            {
                metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
            }

            subscription.Send("BOOKMARK", new JsonObject
            {
                ["kind"] = type.Kind,
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = metadata,
            });
        }
    }

    /// <summary>Forgets the history: watches from an older resourceVersion get 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedThrough = _resourceVersion;
        }
    }

    /// <summary>Ends every open watch.</summary>
    public void CloseWatches()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Close();
            }

            _watchers.Clear();
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers.Remove(subscription);
        }
    }

    private void Publish(StoredEvent change)
    {
        var snapshot = change with { Object = (JsonObject)change.Object.DeepClone() };
        _history.Add(snapshot);
        foreach (var watcher in _watchers)
        {
            watcher.Offer(snapshot);
        }
    }

    private string Bump() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private static string Timestamp() =>
        DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
