namespace MultiNet.Kubernetes.Watch;

/// <summary>What a watch stream said about one object.</summary>
public enum WatchChangeType
{
    /// <summary>The object was created (or entered the watch).</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object was deleted (or left the watch).</summary>
    Deleted,
}

/// <summary>One event of a watch stream, the object already mapped to <typeparamref name="T"/>.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Item">The object.</param>
public sealed record WatchChange<T>(WatchChangeType Type, T Item);
