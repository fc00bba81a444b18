using MultiNet.Cni.Config;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Attachments.Planning;

/// <summary>A network reference turned into a delegate configuration.</summary>
/// <param name="StatusName">The name network-status reports.</param>
/// <param name="Config">The delegate configuration.</param>
/// <param name="Definition">The NAD it came from, if any.</param>
public sealed record ResolvedNetwork(string StatusName, NetworkConfigList Config, NetworkAttachmentDefinition? Definition);
