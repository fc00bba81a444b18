using MultiNet.Cni.Protocol;

namespace MultiNet.Daemon.Server;

/// <summary>
/// Whether the daemon takes CNI requests: ready when every check passes (the caches have synced, plus whatever
/// other parts add, e.g. "the cluster network's config exists"), and never again once SIGTERM arrived.
/// </summary>
internal sealed class DaemonReadiness
{
    private readonly List<Func<string?>> _checks = [];
    private volatile bool _shuttingDown;

    public bool IsShuttingDown => _shuttingDown;

    /// <summary>Adds a check: it returns null when its part is ready, else the reason (shown by /readyz and in code 11 errors).</summary>
    public void Add(Func<string?> check)
    {
        lock (_checks)
        {
            _checks.Add(check);
        }
    }

    public void BeginShutdown() => _shuttingDown = true;

    /// <summary>Null when ready, else why not.</summary>
    public string? NotReady()
    {
        if (_shuttingDown)
        {
            return "multinetd is shutting down";
        }

        lock (_checks)
        {
            foreach (var check in _checks)
            {
                if (check() is { } reason)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Why a request must be refused now, or null. DEL needs no cache (it works from the checkpoint) so it is served
    /// while the daemon starts; during shutdown everything is refused and the shim deletes by itself.
    /// </summary>
    public string? Refusal(CniCommand command) =>
        _shuttingDown ? "multinetd is shutting down" : command == CniCommand.Del ? null : NotReady();
}
