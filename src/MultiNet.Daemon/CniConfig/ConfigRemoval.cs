namespace MultiNet.Daemon.CniConfig;

/// <summary>What happens to the generated config when <see cref="CniConfigManager.RunAsync"/> stops (SIGTERM).</summary>
internal enum ConfigRemoval
{
    /// <summary>Remove it on every stop (Multus's behaviour): safe on uninstall, but pods that start while a restart is
    /// under way get only the cluster network, silently.</summary>
    Always,

    /// <summary>Keep it: pods that start during a restart wait for multinetd (then code 11 and a kubelet retry), but an
    /// uninstall leaves a config behind that points at a daemon which is gone.</summary>
    Never,

    /// <summary>Ask <see cref="IUninstallSignal"/>: remove it only when MultiNet is being uninstalled, keep it on a
    /// restart (rolling update, node shutdown). Without a signal this acts as <see cref="Always"/>.</summary>
    OnUninstall,
}
