using MultiNet.Attachments.Planning;

namespace MultiNet.Cli.Explain;

/// <summary>One planned attachment, described for a person: where it comes from and what each delegate gets.</summary>
internal sealed record ExplainedAttachment
{
    /// <summary>1-based position: the order delegates run in.</summary>
    public required int Position { get; init; }

    /// <summary>The planned attachment itself.</summary>
    public required PlannedAttachment Planned { get; init; }

    /// <summary>Why it is attached: <c>cluster network</c>, <c>config</c>, or <c>selection #n</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The delegates, in the order they run.</summary>
    public required IReadOnlyList<ExplainedDelegate> Delegates { get; init; }

    /// <summary>The device resource whose unit the kubelet allocates (a NAD's resourceName), or null.</summary>
    public string? Resource { get; init; }

    /// <summary>A device id the pod's selection names (Multus's deviceID), or null.</summary>
    public string? FixedDeviceId { get; init; }
}
