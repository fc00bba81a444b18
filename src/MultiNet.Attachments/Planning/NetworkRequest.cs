using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.Attachments.Planning;

/// <summary>A network to attach, with the pod's selection when it came from the annotation.</summary>
/// <param name="Network">The resolved network.</param>
/// <param name="Selection">The selection element, or null for cluster and default networks.</param>
internal sealed record NetworkRequest(ResolvedNetwork Network, NetworkSelectionElement? Selection);
