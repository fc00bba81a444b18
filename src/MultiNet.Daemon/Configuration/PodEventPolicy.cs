namespace MultiNet.Daemon.Configuration;

/// <summary>Which pod Events the daemon sends (key <c>podEvents</c>).</summary>
internal enum PodEventPolicy
{
    /// <summary>Warning events only (NoNetworkFound, ...): an ADD that succeeds costs exactly one API write.</summary>
    Warnings,

    /// <summary>Warnings and the Normal AddedInterface event (a second write per ADD, sent after the answer).</summary>
    All,

    /// <summary>No events at all.</summary>
    None,
}
