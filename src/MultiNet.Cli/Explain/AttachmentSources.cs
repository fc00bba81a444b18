using MultiNet.Attachments.Configuration;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.Cli.Explain;

/// <summary>
/// Why each planned attachment is there, in the planner's order: the cluster network (or the pod's default-network
/// override), the config's further <c>delegates</c>, <c>defaultNetworks</c>, then the pod's selections.
/// </summary>
internal static class AttachmentSources
{
    public static IReadOnlyList<string> For(MultiNetConfig config, IReadOnlyDictionary<string, string> annotations, string podNamespace, int attachments)
    {
        var selections = annotations.TryGetValue(NetworkSelectionParser.AnnotationKey, out var text) && !string.IsNullOrWhiteSpace(text)
            ? NetworkSelectionParser.Parse(text, podNamespace).Count
            : 0;
        var overridden = Has(annotations, NetworkSelectionParser.DefaultNetworkAnnotationKey) || Has(annotations, NetworkSelectionParser.DefaultNetworkAliasKey);
        var sources = new List<string> { overridden ? "default-network annotation" : "cluster network" };
        var extraDelegates = Math.Max(0, config.Delegates.Count - 1);
        for (var i = 1; i < attachments - selections; i++)
        {
            sources.Add(i <= extraDelegates ? $"config delegates[{i}]" : "config defaultNetworks");
        }

        for (var i = 1; i <= selections; i++)
        {
            sources.Add($"selection #{i}");
        }

        return sources;
    }

    private static bool Has(IReadOnlyDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);
}
