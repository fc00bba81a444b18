namespace MultiNet.Kubernetes.Watch;

/// <summary>A resource that can be listed and then watched from the list's resourceVersion.</summary>
public interface IListWatchSource<T>
{
    /// <summary>The resource in messages and metric labels, e.g. <c>pods</c>.</summary>
    string Resource { get; }

    /// <summary>Every object, and the resourceVersion to watch from.</summary>
    Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The changes after <paramref name="resourceVersion"/>; <paramref name="progress"/> gets each newer resourceVersion
    /// (of objects and bookmarks). The stream ends when the server closes it; it throws <see cref="WatchExpiredException"/>
    /// when the version is too old (410), and other exceptions on failures.
    /// </summary>
    IAsyncEnumerable<WatchChange<T>> WatchAsync(string resourceVersion, Action<string> progress, CancellationToken cancellationToken);
}
