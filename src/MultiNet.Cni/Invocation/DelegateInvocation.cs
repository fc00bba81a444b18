namespace MultiNet.Cni.Invocation;

/// <summary>The per-attachment parameters a delegate plugin is run with (its CNI environment).</summary>
public sealed record DelegateInvocation
{
    /// <summary>The default time a plugin may run before it is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary><c>CNI_CONTAINERID</c>; empty for STATUS and GC, which have no attachment (then not set).</summary>
    public required string ContainerId { get; init; }

    /// <summary><c>CNI_NETNS</c>; null when unknown (DEL) or not applicable (STATUS, GC).</summary>
    public string? NetNs { get; init; }

    /// <summary><c>CNI_IFNAME</c>; empty for STATUS and GC (then not set).</summary>
    public required string IfName { get; init; }

    /// <summary>The <c>CNI_ARGS</c> pairs, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];

    /// <summary>Directories searched for plugin binaries, in order; also passed as <c>CNI_PATH</c>.</summary>
    public required IReadOnlyList<string> PluginDirs { get; init; }

    /// <summary>How long one plugin execution may take before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
}
