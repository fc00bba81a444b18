namespace MultiNet.Daemon.Tests.Churn;

/// <summary>The IPs of the attached pods: an ADD that gets an address another attached pod holds is recorded as a duplicate.</summary>
internal sealed class LiveAddresses
{
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);
    private readonly List<string> _duplicates = [];

    public IReadOnlyList<string> Duplicates
    {
        get
        {
            lock (_owners)
            {
                return [.. _duplicates];
            }
        }
    }

    public void Take(string containerId, IEnumerable<string> addresses)
    {
        lock (_owners)
        {
            foreach (var address in addresses)
            {
                if (!_owners.TryAdd(address, containerId))
                {
                    _duplicates.Add($"{address} given to {containerId} while {_owners[address]} holds it");
                }
            }
        }
    }

    public void Release(string containerId, IEnumerable<string> addresses)
    {
        lock (_owners)
        {
            foreach (var address in addresses)
            {
                if (_owners.TryGetValue(address, out var owner) && owner == containerId)
                {
                    _owners.Remove(address);
                }
            }
        }
    }
}
