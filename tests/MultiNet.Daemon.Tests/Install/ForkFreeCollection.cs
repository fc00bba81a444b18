namespace MultiNet.Daemon.Tests.Install;

/// <summary>
/// Tests that copy over a binary another process executes run alone: a child that any parallel test forks while the
/// temp file is open for writing holds that descriptor until its own exec, and an exec of the renamed file fails with
/// "text file busy" meanwhile. <c>multinetd install</c> forks nothing, so only a shared test process has this race.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ForkFreeCollection
{
    public const string Name = "fork-free";
}
