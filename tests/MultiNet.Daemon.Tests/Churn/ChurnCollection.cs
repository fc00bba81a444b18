namespace MultiNet.Daemon.Tests.Churn;

/// <summary>
/// The churn tests run alone: 64 pods at once load both cores, which would stretch other tests' timeouts, and their
/// wrapper scripts must not be open for writing while another test forks (an exec of them would fail "text file busy").
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChurnCollection
{
    public const string Name = "churn";
}
