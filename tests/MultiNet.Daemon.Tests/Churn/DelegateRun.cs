namespace MultiNet.Daemon.Tests.Churn;

/// <summary>One run of a logged delegate: container, CNI command, and start and end in ns of the realtime clock.</summary>
internal sealed record DelegateRun(string ContainerId, string Command, long Start, long End)
{
    public override string ToString() => $"{Command} {ContainerId} [{Start}, {(End == long.MaxValue ? "running" : End)}]";
}
