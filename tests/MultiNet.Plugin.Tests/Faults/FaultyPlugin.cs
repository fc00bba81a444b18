namespace MultiNet.Plugin.Tests.Faults;

/// <summary>How the faulty plugin of a cell misbehaves on ADD (DEL always succeeds, as it must for rollback).</summary>
public enum FaultyPlugin
{
    /// <summary>A real reference plugin (tuning) that fails: a sysctl that does not exist.</summary>
    Fails,

    /// <summary>Exits 0 printing text that is not JSON.</summary>
    PrintsInvalidJson,

    /// <summary>Never answers (sleeps with a child), so delegateTimeoutSeconds must kill it and its children.</summary>
    Hangs,

    /// <summary>Answers, but leaves a child holding its stdout open: the read never ends unless the child is killed.</summary>
    LeavesChildHoldingStdout,
}
