using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>One bad input: how to arrange it, the CNI error code expected and what the message must name.</summary>
internal sealed record BadInputCase(int Code, string[] MessageParts, Action<ThinModeHarness> Arrange)
{
    /// <summary>How to call the plugin; ADD with the harness's environment and config when null.</summary>
    public Func<ThinModeHarness, Task<PluginProcess.Outcome>>? Run { get; init; }

    /// <summary>True when the cluster network is attached before the failure, so it must have been rolled back.</summary>
    public bool ClusterAttachedFirst { get; init; }

    /// <summary>Removes what the arrangement itself put into the namespace, before the leak check.</summary>
    public Action<ThinModeHarness>? Cleanup { get; init; }

    /// <summary>True when the plugin's own config is refused, so a DEL with that config fails as well.</summary>
    public bool ConfigRefused { get; init; }

    /// <summary>A file that must not exist after the call (a plugin outside binDir that must never run).</summary>
    public Func<ThinModeHarness, string>? MustNotExist { get; init; }
}
