namespace MultiNet.Cli.Migrate.Genie;

/// <summary>
/// One entry of CNI-Genie's pod annotation <c>cni: "weave,macvlan@eth3"</c>: a plugin name and the interface Genie gave it.
/// Genie named interfaces <c>eth0</c>, <c>eth1</c>, … in list order, skipping the <c>eth&lt;N&gt;</c> names given with
/// <c>@</c>; so the entry on <c>eth0</c> was the pod's primary network.
/// </summary>
internal sealed record GenieRequest(string Plugin, string IfName)
{
    /// <summary>The entries of <paramref name="value"/> with Genie's interface names; null and a reason when Genie would have refused it.</summary>
    public static (IReadOnlyList<GenieRequest> Requests, string? Problem) Parse(string value)
    {
        var parts = value.Split(',').Select(p => p.Trim()).ToList();
        var named = new List<(string Plugin, string? IfName)>();
        foreach (var part in parts)
        {
            var at = part.Split('@');
            if (at.Length > 2 || at[0].Trim().Length == 0 || (at.Length == 2 && at[1].Trim().Length == 0))
            {
                return ([], $"\"{part}\" is not PLUGIN or PLUGIN@IFNAME");
            }

            named.Add((at[0].Trim(), at.Length == 2 ? at[1].Trim() : null));
        }

        var given = named.Where(n => n.IfName is not null).Select(n => n.IfName!).ToList();
        if (given.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return ([], $"interface \"{twice.Key}\" is asked for twice (Genie refused such pods)");
        }

        var reserved = given.Where(n => n.StartsWith("eth", StringComparison.Ordinal) && int.TryParse(n[3..], out _))
            .Select(n => int.Parse(n[3..], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var next = -1;
        var requests = new List<GenieRequest>(named.Count);
        foreach (var (plugin, ifName) in named)
        {
            if (ifName is not null)
            {
                requests.Add(new GenieRequest(plugin, ifName));
                continue;
            }

            for (next++; reserved.Contains(next); next++)
            {
            }

            requests.Add(new GenieRequest(plugin, $"eth{next}"));
        }

        return (requests, null);
    }
}
