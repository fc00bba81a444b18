using MultiNet.Cli.Output;

namespace MultiNet.Cli.Explain;

/// <summary>Writes a <see cref="PlanExplanation"/> for a person: a table of attachments, then each one's delegates.</summary>
internal static class PlanText
{
    private const string Chain = " -> ";

    public static void Write(PlanExplanation plan, TextWriter output)
    {
        output.WriteLine($"pod {plan.Pod} ({plan.Origin})");
        output.WriteLine($"config {plan.Config}");
        output.WriteLine();

        var table = new TextTable("#", "NETWORK", "INTERFACE", "SOURCE", "DELEGATES", "DEVICE");
        foreach (var a in plan.Attachments)
        {
            table.Add($"{a.Position}", a.Planned.NetworkName, a.Planned.IfName, a.Source,
                string.Join(Chain, a.Delegates.Select(d => d.Type)), Device(a));
        }

        table.WriteTo(output);
        foreach (var a in plan.Attachments)
        {
            output.WriteLine();
            output.WriteLine($"{a.Position} {a.Planned.NetworkName} ({a.Planned.IfName})");
            var width = a.Delegates.Max(d => d.Type.Length);
            foreach (var d in a.Delegates)
            {
                output.WriteLine($"  {d.Type.PadRight(width)}  runtimeConfig: {RuntimeConfig(d)}");
            }

            if (a.Planned.IsClusterNetwork)
            {
                output.WriteLine("  (the runtime's own runtimeConfig, e.g. the pod's hostPorts, goes to this network at run time)");
            }

            if (a.Resource is not null)
            {
                output.WriteLine($"  device: one unit of \"{a.Resource}\"; its id comes from the kubelet at run time (deviceID, CNIDeviceInfoFile)");
            }
        }

        output.WriteLine();
        output.WriteLine("default route");
        var cluster = plan.Attachments.FirstOrDefault()?.Planned.IfName ?? "?";
        foreach (var route in plan.DefaultRoutes)
        {
            output.WriteLine(route.Gateway is null
                ? $"  {route.Family}: unchanged: whatever the cluster network's delegates set up on {cluster} (no selection asks for \"default-route\")"
                : $"  {route.Family}: via {route.Gateway} dev {route.Interface} (\"default-route\" of {route.Network}); the other interfaces lose their {route.Family} default route");
            foreach (var loser in route.Overridden)
            {
                output.WriteLine($"    also asked by {loser}: the later request wins");
            }
        }
    }

    private static string Device(ExplainedAttachment a) =>
        a.Resource is not null ? $"{a.Resource} (from kubelet at runtime)" : a.FixedDeviceId ?? "-";

    private static string RuntimeConfig(ExplainedDelegate d)
    {
        var declared = d.Capabilities.Count == 0 ? "" : $" (declares {string.Join(", ", d.Capabilities)})";
        return d.RuntimeConfig is null ? $"none{declared}" : JsonText.Compact(d.RuntimeConfig);
    }
}
