namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>How bad a <see cref="RuleFinding"/> is.</summary>
public enum RuleSeverity
{
    /// <summary>The object would fail (or is refused): an admission webhook denies it, <c>multinetctl validate</c> exits 1.</summary>
    Error,

    /// <summary>It works but is probably not what was meant: an admission warning.</summary>
    Warning,
}
