namespace MultiNet.Daemon.CniConfig;

/// <summary>Why no primary config was selected; decides what happens to the generated file.</summary>
internal enum PrimaryProblem
{
    /// <summary>A primary was selected.</summary>
    None,

    /// <summary>The config folder does not exist: nothing to write into, nothing to remove.</summary>
    ConfDirMissing,

    /// <summary>No candidate (or the named one is missing): the generated file is removed.</summary>
    NoPrimary,

    /// <summary>The candidate cannot be read or is not a valid config: the generated file is left as it is.</summary>
    Invalid,
}
