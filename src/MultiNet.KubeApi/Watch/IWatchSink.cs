namespace MultiNet.KubeApi.Watch;

/// <summary>Receives what a <see cref="ResourceWatcher{T}"/> learns: whole lists after a (re)list, then single changes.</summary>
/// <typeparam name="T">The wire type of the watched objects.</typeparam>
internal interface IWatchSink<in T>
{
    /// <summary>Replaces everything known with the items of a complete LIST.</summary>
    void Replace(IReadOnlyList<T> items);

    /// <summary>An object was added or changed.</summary>
    void Upsert(T item);

    /// <summary>An object was deleted.</summary>
    void Remove(T item);
}
