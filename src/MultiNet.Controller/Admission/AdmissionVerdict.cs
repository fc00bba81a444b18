using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Admission;

/// <summary>The answer to one review: allowed or denied (with code, reason and message), and warnings.</summary>
internal sealed record AdmissionVerdict
{
    /// <summary>True to admit.</summary>
    public required bool Allowed { get; init; }

    /// <summary>HTTP-style code of a denial (403 for a rule, 400 for an unreadable object).</summary>
    public int Code { get; init; } = 200;

    /// <summary>The first error's reason code (metrics label, <c>status.reason</c>).</summary>
    public string? Reason { get; init; }

    /// <summary>Every error reason (metrics).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The denial message: what is wrong, where, and the fix.</summary>
    public string? Message { get; init; }

    /// <summary>The errors, each with its field, for <c>status.details.causes</c>.</summary>
    public IReadOnlyList<RuleFinding> Causes { get; init; } = [];

    /// <summary>Admission warnings shown by kubectl.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Warning reasons (metrics).</summary>
    public IReadOnlyList<string> WarningReasons { get; init; } = [];

    /// <summary>An admission with nothing to say.</summary>
    public static AdmissionVerdict Allow { get; } = new() { Allowed = true };
}
