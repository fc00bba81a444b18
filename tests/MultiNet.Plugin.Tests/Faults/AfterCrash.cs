namespace MultiNet.Plugin.Tests.Faults;

/// <summary>What the runtime does after an ADD whose engine was killed.</summary>
public enum AfterCrash
{
    /// <summary>DEL at once; in thick mode with the daemon still down, so the shim runs it from the checkpoint.</summary>
    Del,

    /// <summary>Thick mode: the daemon is restarted (as its DaemonSet would), then DEL goes through it.</summary>
    RestartThenDel,

    /// <summary>ADD again without DEL (thick mode: after the daemon's restart), then DEL.</summary>
    RetryAddThenDel,
}
