namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>One problem a rule found in a NetworkAttachmentDefinition or in a pod's network request.</summary>
/// <param name="Severity">Error (deny) or Warning (admit, tell).</param>
/// <param name="Field">Where: a path such as <c>metadata.name</c>, <c>spec.config.plugins[1].type</c> or
/// <c>metadata.annotations["k8s.v1.cni.cncf.io/networks"][0].mac</c> (indexes zero-based).</param>
/// <param name="Reason">A short stable code from <see cref="RuleReasons"/>, for tests, metrics and scripts.</param>
/// <param name="Message">What is wrong and how to fix it, lowercase, without the field.</param>
public sealed record RuleFinding(RuleSeverity Severity, string Field, string Reason, string Message)
{
    /// <summary>True for <see cref="RuleSeverity.Error"/>.</summary>
    public bool IsError => Severity == RuleSeverity.Error;

    /// <summary><c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
