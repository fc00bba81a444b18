namespace MultiNet.Cli.Migrate;

/// <summary>What became of one Multus key in the MultiNet config.</summary>
internal enum FindingKind
{
    /// <summary>Carried over, under another key or with a meaning that differs: read the message.</summary>
    Changed,

    /// <summary>Left out: MultiNet does the same by itself, or Multus ignored the key anyway.</summary>
    NotNeeded,

    /// <summary>Left out, with no MultiNet equivalent: what it did is lost (the command exits 1).</summary>
    NotCarriedOver,
}
