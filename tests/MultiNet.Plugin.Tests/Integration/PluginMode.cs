namespace MultiNet.Plugin.Tests.Integration;

/// <summary>How the runtime's call reaches the engine in a <see cref="ThinModeHarness"/> test.</summary>
public enum PluginMode
{
    /// <summary>The multinet binary does everything in its own short-lived process.</summary>
    Thin,

    /// <summary>The multinet binary is a shim (<c>daemonSocketDir</c>) forwarding to multinetd, which runs the engine.</summary>
    Thick,
}
