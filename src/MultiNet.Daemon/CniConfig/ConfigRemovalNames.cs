namespace MultiNet.Daemon.CniConfig;

/// <summary>The names of <see cref="ConfigRemoval"/> in configuration files and on the command line.</summary>
internal static class ConfigRemovalNames
{
    /// <summary>"always", "never" or "uninstall"; null for anything else.</summary>
    public static ConfigRemoval? TryParse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "always" => ConfigRemoval.Always,
        "never" => ConfigRemoval.Never,
        "uninstall" => ConfigRemoval.OnUninstall,
        _ => null,
    };
}
