using System.Text.Json.Nodes;

namespace MultiNet.Cli.Explain;

/// <summary>A <see cref="PlanExplanation"/> as JSON, for <c>explain -o json</c>.</summary>
internal static class PlanJson
{
    public static JsonObject From(PlanExplanation plan) => new()
    {
        ["pod"] = plan.Pod,
        ["origin"] = plan.Origin,
        ["config"] = plan.Config,
        ["attachments"] = new JsonArray([.. plan.Attachments.Select(Attachment)]),
        ["defaultRoute"] = new JsonArray([.. plan.DefaultRoutes.Select(Route)]),
    };

    private static JsonNode Attachment(ExplainedAttachment a) => new JsonObject
    {
        ["position"] = a.Position,
        ["network"] = a.Planned.NetworkName,
        ["interface"] = a.Planned.IfName,
        ["source"] = a.Source,
        ["clusterNetwork"] = a.Planned.IsClusterNetwork,
        ["delegates"] = new JsonArray([.. a.Delegates.Select(d => (JsonNode)new JsonObject
        {
            ["type"] = d.Type,
            ["capabilities"] = new JsonArray([.. d.Capabilities.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["runtimeConfig"] = d.RuntimeConfig?.DeepClone(),
        })]),
        ["defaultRouteGateways"] = new JsonArray([.. a.Planned.DefaultRouteGateways.Select(g => (JsonNode)JsonValue.Create(g))]),
        ["deviceResource"] = a.Resource,
        ["deviceId"] = a.Resource is not null ? "from kubelet at runtime" : a.FixedDeviceId,
    };

    private static JsonNode Route(RouteDecision r) => new JsonObject
    {
        ["family"] = r.Family,
        ["decision"] = r.Gateway is null ? "unchanged" : "moved",
        ["gateway"] = r.Gateway,
        ["interface"] = r.Interface,
        ["network"] = r.Network,
        ["overridden"] = new JsonArray([.. r.Overridden.Select(o => (JsonNode)JsonValue.Create(o))]),
    };
}
