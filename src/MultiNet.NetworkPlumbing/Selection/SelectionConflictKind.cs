namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>What two (or more) selection elements disagree on.</summary>
internal enum SelectionConflictKind
{
    /// <summary>Two elements request the same interface name.</summary>
    DuplicateInterface,

    /// <summary>More than one IPv4 or more than one IPv6 default gateway in the annotation.</summary>
    MultipleDefaultRoutes,
}
