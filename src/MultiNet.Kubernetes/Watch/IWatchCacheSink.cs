namespace MultiNet.Kubernetes.Watch;

/// <summary>Where a <see cref="ListWatchLoop{T}"/> puts what it learns.</summary>
public interface IWatchCacheSink<T>
{
    /// <summary>A fresh list: forget everything else.</summary>
    void Replace(IReadOnlyList<T> items);

    /// <summary>One change from the watch.</summary>
    void Apply(WatchChange<T> change);
}
