using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.CniConfig;

/// <summary>An uninstall signal with a fixed answer that counts how often it was asked.</summary>
internal sealed class FixedUninstallSignal(bool uninstalling) : IUninstallSignal
{
    private int _asked;

    public int Asked => _asked;

    public Task<bool> IsUninstallingAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _asked);
        return Task.FromResult(uninstalling);
    }
}
