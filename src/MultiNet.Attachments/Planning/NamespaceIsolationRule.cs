using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.Attachments.Planning;

/// <summary><c>namespaceIsolation</c>: a pod may select NADs of its own namespace and of <c>globalNamespaces</c> only.</summary>
internal sealed class NamespaceIsolationRule(MultiNetConfig config)
{
    /// <summary>
    /// Throws <see cref="CniErrorCode.NamespaceIsolation"/> when the selection leaves the allowed namespaces;
    /// <paramref name="alsoAllowed"/> is one more (the multusNamespace, for the pod's default-network override).
    /// </summary>
    public void Check(PodContext pod, NetworkSelectionElement selection, string? alsoAllowed = null)
    {
        if (!config.NamespaceIsolation || pod.Pod is null)
        {
            return;
        }

        var podNamespace = pod.Pod.Namespace;
        if (selection.Namespace == podNamespace || selection.Namespace == alsoAllowed || config.GlobalNamespaces.Contains(selection.Namespace))
        {
            return;
        }

        var allowed = alsoAllowed is null ? config.GlobalNamespaces : [.. config.GlobalNamespaces, alsoAllowed];
        throw new CniException(CniErrorCode.NamespaceIsolation,
            $"network \"{selection.Namespace}/{selection.Name}\": pod \"{podNamespace}/{pod.Pod.Name}\" may not use a network of namespace \"{selection.Namespace}\"",
            $"namespaceIsolation is on: pods may use networks of their own namespace and of [{string.Join(", ", allowed)}]");
    }
}
