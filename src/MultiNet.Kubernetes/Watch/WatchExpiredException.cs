namespace MultiNet.Kubernetes.Watch;

/// <summary>The API server no longer has the history to watch from (410 Gone / Expired): list again.</summary>
public sealed class WatchExpiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WatchExpiredException()
        : this("the watch resourceVersion is too old")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WatchExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public WatchExpiredException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
