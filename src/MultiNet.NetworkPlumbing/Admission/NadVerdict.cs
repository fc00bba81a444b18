using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>
/// What the pod rules need to know about a NAD, worked out once per NAD object: a watch cache hands the same instance
/// to every admission until the NAD changes, so a pod with five networks does not parse five configs each time.
/// </summary>
internal sealed class NadVerdict
{
    private static readonly ConditionalWeakTable<NetworkAttachmentDefinition, NadVerdict> Memo = [];

    private NadVerdict(NetworkAttachmentDefinition nad)
    {
        Findings = NadRules.Validate(nad);
        FirstError = Findings.FirstOrDefault(f => f.IsError);
        if (FirstError is null && !string.IsNullOrWhiteSpace(nad.Config))
        {
            try
            {
                NetworkConfigList list = NetworkConfigResolver.Resolve(nad, confDir: string.Empty);
                Capabilities = PluginRequestBuilder.UnionCapabilities(list);
                StaticIpam = list.Plugins.Any(p => p["ipam"] is JsonObject ipam && ipam["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && (string?)ipam["type"] == "static");
            }
            catch (CniException)
            {
                // NadRules already asked the same parser; nothing to add.
            }
        }
    }

    /// <summary>The NAD's own findings.</summary>
    public IReadOnlyList<RuleFinding> Findings { get; }

    /// <summary>The first error, if the NAD is invalid.</summary>
    public RuleFinding? FirstError { get; }

    /// <summary>The capabilities some plugin declares; null when the config is on the node (cannot be judged here).</summary>
    public IReadOnlySet<string>? Capabilities { get; }

    /// <summary>True when a plugin uses the <c>static</c> IPAM plugin (which needs a prefix length on every address).</summary>
    public bool StaticIpam { get; }

    /// <summary>The verdict for <paramref name="nad"/>, computed on first use.</summary>
    public static NadVerdict For(NetworkAttachmentDefinition nad) => Memo.GetValue(nad, static n => new NadVerdict(n));
}
