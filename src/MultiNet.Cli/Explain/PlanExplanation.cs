using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Config;

namespace MultiNet.Cli.Explain;

/// <summary>A plan from the engine's planner, turned into what <c>explain</c> shows.</summary>
internal sealed record PlanExplanation
{
    /// <summary>The pod, <c>namespace/name</c>.</summary>
    public required string Pod { get; init; }

    /// <summary>Where the pod came from: kind and <c>file:document</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>The config the plan was made with (its file, or a note that none was given).</summary>
    public required string Config { get; init; }

    /// <summary>The attachments, in order.</summary>
    public required IReadOnlyList<ExplainedAttachment> Attachments { get; init; }

    /// <summary>The default route decision, IPv4 then IPv6.</summary>
    public required IReadOnlyList<RouteDecision> DefaultRoutes { get; init; }

    /// <summary>Describes <paramref name="plan"/>; <paramref name="sources"/> says why each attachment is there (<see cref="AttachmentSources"/>).</summary>
    public static PlanExplanation From(AttachmentPlan plan, IReadOnlyList<string> sources, string origin, string config)
    {
        var attachments = plan.Attachments.Select((a, i) => new ExplainedAttachment
        {
            Position = i + 1,
            Planned = a,
            Source = sources[i],
            Delegates = Delegates(a),
            Resource = KubeletDevicePlaceholders.IsPlaceholder(DeviceId(a)) ? Resource(DeviceId(a)!) : null,
            FixedDeviceId = KubeletDevicePlaceholders.IsPlaceholder(DeviceId(a)) ? null : DeviceId(a),
        }).ToList();
        return new PlanExplanation
        {
            Pod = $"{plan.PodNamespace}/{plan.PodName}",
            Origin = origin,
            Config = config,
            Attachments = attachments,
            DefaultRoutes = [Route(plan, AddressFamily.InterNetwork), Route(plan, AddressFamily.InterNetworkV6)],
        };
    }

    private static List<ExplainedDelegate> Delegates(PlannedAttachment attachment)
    {
        var list = attachment.Config;
        var delegates = new List<ExplainedDelegate>(list.Plugins.Count);
        for (var i = 0; i < list.Plugins.Count; i++)
        {
            // The very builder the executor uses: a plugin gets the capability args it declares, and nothing else.
            var request = PluginRequestBuilder.Build(list, i, attachment.CapabilityArgs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), null);
            delegates.Add(new ExplainedDelegate(
                (string?)list.Plugins[i]["type"] ?? "?",
                [.. PluginRequestBuilder.Capabilities(list.Plugins[i]).Order(StringComparer.Ordinal)],
                request["runtimeConfig"] as JsonObject));
        }

        return delegates;
    }

    private static string? DeviceId(PlannedAttachment attachment) => (string?)attachment.CapabilityArgs["deviceID"];

    private static string Resource(string placeholder) =>
        placeholder[KubeletDevicePlaceholders.Prefix.Length..placeholder.LastIndexOf('#')];

    private static RouteDecision Route(AttachmentPlan plan, AddressFamily family)
    {
        var name = family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
        var owners = plan.Attachments
            .SelectMany(a => a.DefaultRouteGateways.Select(g => (Attachment: a, Gateway: g)))
            .Where(o => IPAddress.TryParse(o.Gateway, out var ip) && ip.AddressFamily == family)
            .ToList();
        if (owners.Count == 0)
        {
            return new RouteDecision(name, null, null, null, []);
        }

        // DefaultRouteApplier applies the requests in plan order, each removing the others: the last one stands.
        var last = owners[^1];
        return new RouteDecision(name, last.Gateway, last.Attachment.IfName, last.Attachment.NetworkName,
            [.. owners.SkipLast(1).Select(o => $"{o.Attachment.NetworkName} via {o.Gateway}")]);
    }
}
