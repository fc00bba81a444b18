using System.Text.Json.Nodes;

namespace MultiNet.Cni.Config;

/// <summary>
/// A network configuration list (conflist). A single-plugin conf is held as a one-plugin list
/// (<see cref="IsSingleConf"/> remembers which it was). Plugin objects stay <see cref="JsonObject"/>s so
/// unknown keys pass through untouched.
/// </summary>
public sealed record NetworkConfigList
{
    /// <summary>The network name (<c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The selected <c>cniVersion</c>.</summary>
    public required string CniVersion { get; init; }

    /// <summary><c>disableCheck</c> (bool or "true" string).</summary>
    public bool DisableCheck { get; init; }

    /// <summary><c>disableGC</c>.</summary>
    public bool DisableGc { get; init; }

    /// <summary>The plugins, in order.</summary>
    public required IReadOnlyList<JsonObject> Plugins { get; init; }

    /// <summary>True when the source was a single-plugin conf rather than a conflist.</summary>
    public bool IsSingleConf { get; init; }
}
