namespace MultiNet.Plugin.Tests.Faults;

/// <summary>Where an ADD is killed with SIGKILL.</summary>
public enum CrashPoint
{
    /// <summary>While the plan is written, after the temp file's data and before its fsync and rename (strace).</summary>
    PlanWrite,

    /// <summary>Inside network k's plugin list, after its real plugin attached the interface (a script kills its parent).</summary>
    InDelegate,

    /// <summary>At the rename of the checkpoint write that records network k's result (strace attached by network k's list).</summary>
    ResultWrite,

    /// <summary>While waiting for the API to answer the network-status write.</summary>
    StatusWrite,
}
