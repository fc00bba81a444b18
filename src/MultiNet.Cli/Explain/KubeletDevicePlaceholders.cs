using MultiNet.Attachments.Cluster;

namespace MultiNet.Cli.Explain;

/// <summary>
/// Stands in for the kubelet's device allocations: the real ids exist only on the node once the pod is scheduled,
/// so each attachment of a resource gets a placeholder that says so.
/// </summary>
internal sealed class KubeletDevicePlaceholders : IDeviceAllocationSource
{
    /// <summary>Every placeholder starts with this.</summary>
    public const string Prefix = "<from-kubelet:";

    // More than any pod asks for: a pod needs one unit per attachment of the resource.
    private const int Units = 64;

    /// <summary>True when <paramref name="deviceId"/> is one of ours.</summary>
    public static bool IsPlaceholder(string? deviceId) => deviceId?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetDeviceIdsAsync(PodInfo pod, string resourceName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. Enumerable.Range(1, Units).Select(n => $"{Prefix}{resourceName}#{n}>")]);
}
