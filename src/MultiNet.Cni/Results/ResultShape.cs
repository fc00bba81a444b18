namespace MultiNet.Cni.Results;

/// <summary>
/// What one result version's JSON holds, relative to the 1.1 hub. The whole conversion between versions is
/// <see cref="ResultShapes"/>: one row per version, read and written by <see cref="ResultReader"/> and
/// <see cref="ResultWriter"/>.
/// </summary>
/// <param name="Legacy">0.1.0/0.2.0: <c>ip4</c>/<c>ip6</c> objects instead of <c>interfaces</c>/<c>ips</c>.</param>
/// <param name="IpVersion">0.3.x/0.4.0: each <c>ips[]</c> entry carries <c>version</c> "4" or "6".</param>
/// <param name="V11Fields">1.1.0: interface <c>mtu</c>/<c>socketPath</c>/<c>pciID</c> and route
/// <c>mtu</c>/<c>advmss</c>/<c>priority</c>/<c>table</c>/<c>scope</c>.</param>
internal sealed record ResultShape(bool Legacy, bool IpVersion, bool V11Fields);
