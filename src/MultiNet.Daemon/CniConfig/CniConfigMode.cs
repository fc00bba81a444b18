namespace MultiNet.Daemon.CniConfig;

/// <summary>How the generated config reaches the cluster: through the daemon's socket, or by the plugin alone.</summary>
internal enum CniConfigMode
{
    /// <summary><c>multinet</c> forwards every call to <c>multinetd</c> (<c>daemonSocketDir</c>).</summary>
    Thick,

    /// <summary><c>multinet</c> does the work itself and calls the API with a kubeconfig (<c>kubeconfig</c>).</summary>
    Thin,
}
