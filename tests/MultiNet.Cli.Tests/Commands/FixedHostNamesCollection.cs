namespace MultiNet.Cli.Tests.Commands;

/// <summary>
/// Tests that use the repository's examples, whose config hard-codes host links (mn-demo0, mn-cluster0, mn-storage0) and
/// the default /var/lib/cni directories: they run alone, never beside each other or another test of this assembly.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FixedHostNamesCollection
{
    public const string Name = "fixed host names (examples/, demo.sh)";
}
