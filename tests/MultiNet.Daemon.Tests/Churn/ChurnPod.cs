using MultiNet.Daemon.Tests.Integration;

namespace MultiNet.Daemon.Tests.Churn;

/// <summary>
/// A pod of the churn and whether it is attached right now: set once its ADD answered, cleared before its DEL is
/// sent, both under <see cref="Gate"/>, so a check holding the gate sees a pod that nothing may tear down.
/// </summary>
internal sealed class ChurnPod(DaemonPod pod, bool interrupted)
{
    public DaemonPod Pod { get; } = pod;

    /// <summary>Its first cycle is an ADD the runtime gives up on: two DELs are sent while the ADD still runs.</summary>
    public bool Interrupted { get; } = interrupted;

    public Lock Gate { get; } = new();

    public bool Live { get; private set; }

    /// <summary>Counts the ADDs that made it live, so a check can tell "still the same attachment".</summary>
    public int Epoch { get; private set; }

    public void Attached()
    {
        lock (Gate)
        {
            Live = true;
            Epoch++;
        }
    }

    public void Detaching()
    {
        lock (Gate)
        {
            Live = false;
        }
    }
}
