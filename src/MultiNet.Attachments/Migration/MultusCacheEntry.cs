namespace MultiNet.Attachments.Migration;

/// <summary>
/// One delegate of a Multus scratch cache (<c>&lt;cniDir&gt;/&lt;containerID&gt;</c>): what Multus ran for one attachment.
/// Only the keys a teardown needs; <c>Conf</c> and <c>ConfList</c> are lossy copies of <see cref="Config"/> and are not read.
/// </summary>
internal sealed record MultusCacheEntry
{
    /// <summary><c>Name</c>: <c>namespace/name</c> for a NAD, the config's name for the cluster network.</summary>
    public string? Name { get; init; }
    /// <summary><c>Bytes</c>, decoded: the exact config or conflist JSON Multus ran.</summary>
    public required byte[] Config { get; init; }
    /// <summary><c>ifnameRequest</c>.</summary>
    public string? InterfaceRequest { get; init; }
    /// <summary><c>macRequest</c>.</summary>
    public string? MacRequest { get; init; }
    /// <summary><c>ipRequest</c>.</summary>
    public IReadOnlyList<string> IpRequest { get; init; } = [];
    /// <summary><c>infinibandGUIDRequest</c>.</summary>
    public string? InfinibandGuidRequest { get; init; }
    /// <summary><c>deviceID</c>.</summary>
    public string? DeviceId { get; init; }
}
