namespace MultiNet.Daemon.CniConfig;

/// <summary>Tells, at stop time, an uninstall (remove the generated config) from a restart (keep it).</summary>
internal interface IUninstallSignal
{
    /// <summary>True when MultiNet is being removed from the node; false when it will be back (or it cannot tell).</summary>
    Task<bool> IsUninstallingAsync(CancellationToken cancellationToken);
}
