namespace MultiNet.Attachments.Planning;

/// <summary>What an ADD will do, in order; checkpointed before the first delegate runs so DEL can undo it alone.</summary>
public sealed record AttachmentPlan
{
    /// <summary>CNI_CONTAINERID.</summary>
    public required string ContainerId { get; init; }
    /// <summary>CNI_NETNS.</summary>
    public string? NetNs { get; init; }
    /// <summary>The namespace <see cref="NetNs"/> named at ADD (<c>net:[inode]</c>), so GC enters it only while it is still that one.</summary>
    public string? NetNsIdentity { get; init; }
    /// <summary>The runtime's CNI_IFNAME (the cluster network's interface).</summary>
    public required string IfName { get; init; }
    /// <summary>Pod namespace, when known.</summary>
    public string? PodNamespace { get; init; }
    /// <summary>Pod name, when known.</summary>
    public string? PodName { get; init; }
    /// <summary>Pod UID, when known.</summary>
    public string? PodUid { get; init; }
    /// <summary>CNI_ARGS given to every delegate.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DelegateArgs { get; init; } = [];
    /// <summary>The attachments, cluster network first.</summary>
    public required IReadOnlyList<PlannedAttachment> Attachments { get; init; }
}
