using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Planning;

/// <summary>
/// Interface names: the cluster network takes the runtime's CNI_IFNAME; the others take what the pod asked for or
/// <c>net&lt;position&gt;</c> (as Multus names them), skipping a name another selection asked for. Duplicates fail the ADD.
/// </summary>
internal sealed class InterfaceNamer
{
    private readonly string _runtimeIfName;
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Position, string Network)> _taken = new(StringComparer.Ordinal);

    public InterfaceNamer(string runtimeIfName, IEnumerable<string?> requested)
    {
        _runtimeIfName = runtimeIfName;
        foreach (var name in requested)
        {
            if (name is not null)
            {
                _requested.Add(name);
            }
        }
    }

    /// <summary>The name for the attachment at <paramref name="position"/>.</summary>
    public string NameFor(int position, string network, string? request)
    {
        string name;
        if (position == 0)
        {
            name = _runtimeIfName;
        }
        else if (request is not null)
        {
            name = request;
        }
        else
        {
            var n = position;
            while (_requested.Contains($"net{n}") || _taken.ContainsKey($"net{n}") || $"net{n}" == _runtimeIfName)
            {
                n++;
            }

            name = $"net{n}";
        }

        if (_taken.TryGetValue(name, out var other))
        {
            throw new CniException(CniErrorCode.InterfaceConflict,
                $"network \"{network}\": interface \"{name}\" is already used by network \"{other.Network}\" (attachment {other.Position + 1})",
                "each network of a pod needs its own interface name; set \"interface\" in the network selection");
        }

        _taken[name] = (position, network);
        return name;
    }
}
