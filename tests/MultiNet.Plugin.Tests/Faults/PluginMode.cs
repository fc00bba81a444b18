namespace MultiNet.Plugin.Tests.Faults;

/// <summary>How the runtime's call reaches the engine in a fault cell.</summary>
public enum PluginMode
{
    /// <summary>The multinet binary does everything in its own short-lived process.</summary>
    Thin,
}
