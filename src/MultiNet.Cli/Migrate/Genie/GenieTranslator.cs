using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.Cli.Migrate.Genie;

/// <summary>
/// Turns CNI-Genie's <c>cni</c> pod annotation into the NPWG one MultiNet reads (docs/migrating-from-multus.md, CNI-Genie
/// users): the entry on <c>eth0</c> is the pod's primary network (the node's cluster network, or a default-network NAD),
/// every other entry a NAD named after the plugin, attached on the interface Genie gave it.
/// </summary>
/// <param name="clusterPlugin">Genie's name for the node's cluster network (e.g. <c>flannel</c>); null: the <c>eth0</c> entry is taken to be it.</param>
internal sealed class GenieTranslator(string? clusterPlugin)
{
    public const string CniAnnotation = "cni";
    public const string MultiIpAnnotation = "multi-ip-preferences";
    public const string GenieNetworksAnnotation = "networks";
    public const string NetworksAnnotation = "k8s.v1.cni.cncf.io/networks";
    public const string DefaultNetworkAnnotation = "v1.multus-cni.io/default-network";

    /// <summary>A translation for each pod or workload of <paramref name="scan"/> that carries a Genie annotation.</summary>
    public IReadOnlyList<GenieTranslation> Translate(ManifestScan scan)
    {
        var list = new List<GenieTranslation>();
        foreach (var item in scan.Objects.Where(o => !o.IsNetwork))
        {
            IReadOnlyDictionary<string, string> annotations;
            try
            {
                annotations = item.ToPod().Annotations;
            }
            catch (CniException)
            {
                continue; // validate reports malformed manifests; nothing of Genie's can be read here
            }

            if (annotations.ContainsKey(CniAnnotation) || annotations.ContainsKey(MultiIpAnnotation) || annotations.ContainsKey(GenieNetworksAnnotation))
            {
                list.Add(TranslateOne(item, annotations));
            }
        }

        return list;
    }

    private GenieTranslation TranslateOne(ManifestObject item, IReadOnlyDictionary<string, string> annotations)
    {
        var findings = new FindingList();
        var at = item.PodField("metadata.annotations");
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        var networks = new List<(string, string)>();
        var remove = new[] { CniAnnotation, MultiIpAnnotation, GenieNetworksAnnotation }.Where(annotations.ContainsKey).ToList();
        string Key(string name) => $"{at}[\"{name}\"]";

        if (annotations.ContainsKey(MultiIpAnnotation))
        {
            findings.NotNeeded(Key(MultiIpAnnotation), "Genie wrote it back with the addresses it gave; MultiNet writes k8s.v1.cni.cncf.io/network-status instead: read addresses from there");
        }

        if (annotations.ContainsKey(GenieNetworksAnnotation))
        {
            findings.NotCarriedOver(Key(GenieNetworksAnnotation), "Genie's logical networks (alpha.network.k8s.io Logicalnetwork/Physicalnetwork) have no MultiNet counterpart: define a NAD per logical network (its plugin config with the logical subnet in ipam) and select it in k8s.v1.cni.cncf.io/networks");
        }

        if (annotations.TryGetValue(CniAnnotation, out var cni))
        {
            if (annotations.ContainsKey(NetworksAnnotation))
            {
                findings.NotNeeded(Key(CniAnnotation), $"the pod has {NetworksAnnotation} too; Genie used that one and ignored \"cni\", as MultiNet will");
            }
            else if (cni.Trim().Length == 0)
            {
                findings.NotCarriedOver(Key(CniAnnotation), "empty: Genie chose a network by load (cAdvisor) or its default_plugin; MultiNet has no such choice: the pod gets the cluster network only. Select the networks it needs in k8s.v1.cni.cncf.io/networks");
            }
            else
            {
                Requests(item, cni, Key(CniAnnotation), set, networks, findings);
            }
        }

        return new GenieTranslation
        {
            File = item.File,
            Document = item.Document,
            Object = item.Label,
            AnnotationsPath = at,
            Set = set,
            Remove = remove,
            Networks = networks,
            Findings = findings.Items,
        };
    }

    private void Requests(ManifestObject item, string cni, string key, Dictionary<string, string> set, List<(string, string)> networks, FindingList findings)
    {
        var (requests, problem) = GenieRequest.Parse(cni);
        if (problem is not null)
        {
            findings.NotCarriedOver(key, $"\"{cni}\": {problem}");
            return;
        }

        if (requests.FirstOrDefault(r => DnsLabel.Problem(r.Plugin) is not null) is { } bad)
        {
            findings.NotCarriedOver(key, $"plugin \"{bad.Plugin}\" cannot be a NAD name: {DnsLabel.Problem(bad.Plugin)}; create a NAD with a valid name for it and select that");
            return;
        }

        var primary = requests.FirstOrDefault(r => r.IfName == "eth0");
        if (primary is null)
        {
            findings.NotCarriedOver(key, $"\"{cni}\": no entry is on eth0, so Genie gave the pod no primary network; MultiNet always attaches the cluster network on eth0");
            return;
        }

        if (clusterPlugin is null)
        {
            findings.Changed(key, $"\"{primary.Plugin}\" (on eth0) is taken to be the node's cluster network; if it is not, run again with --cluster-plugin NAME");
        }
        else if (primary.Plugin != clusterPlugin)
        {
            set[DefaultNetworkAnnotation] = $"{item.Namespace}/{primary.Plugin}";
            networks.Add((item.Namespace, primary.Plugin));
            findings.Changed(key, $"\"{primary.Plugin}\" (on eth0) is not the cluster network \"{clusterPlugin}\": it replaces it through {DefaultNetworkAnnotation}");
        }

        var extra = requests.Where(r => !ReferenceEquals(r, primary)).ToList();
        if (extra.Count > 0)
        {
            set[NetworksAnnotation] = string.Join(", ", extra.Select(r => $"{r.Plugin}@{r.IfName}"));
            networks.AddRange(extra.Select(r => (item.Namespace, r.Plugin)));
        }
    }
}
