namespace MultiNet.Cli.Migrate;

/// <summary>Where Multus kept what it attached, and the multinet key that points MultiNet there (so pods Multus attached can be deleted).</summary>
internal static class MultusCaches
{
    /// <summary>The multinet plugin key for Multus's cache folder (Multus's <c>cniDir</c>).</summary>
    public const string Key = "multusCniDir";

    /// <summary>The host folder the thick DaemonSet mounts for checkpoints, leases and caches.</summary>
    public const string MountedByThickDaemonSet = "/var/lib/cni";
}
