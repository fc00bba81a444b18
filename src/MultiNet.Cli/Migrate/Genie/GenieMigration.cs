using System.Text.Json.Nodes;

namespace MultiNet.Cli.Migrate.Genie;

/// <summary>The Genie translations of a set of manifests, and the NADs their new annotations name.</summary>
/// <param name="Objects">One per pod or workload that had a Genie annotation.</param>
/// <param name="Networks">NetworkAttachmentDefinition manifests to create, from Genie's config files.</param>
/// <param name="Findings">About the NADs (a config file that could not be found).</param>
internal sealed record GenieMigration(IReadOnlyList<GenieTranslation> Objects, IReadOnlyList<JsonObject> Networks, IReadOnlyList<MigrationFinding> Findings)
{
    /// <summary>False when something could not be translated.</summary>
    public bool CarriedOver => Objects.SelectMany(o => o.Findings).Concat(Findings).All(f => f.Kind != FindingKind.NotCarriedOver);

    /// <summary>Adds the NADs the translations name, with the config of Genie's file for each plugin when <paramref name="folder"/> is given.</summary>
    public static GenieMigration WithNetworks(IReadOnlyList<GenieTranslation> objects, GenieConfigFolder? folder)
    {
        var findings = new FindingList();
        var networks = new List<JsonObject>();
        foreach (var (ns, name) in objects.SelectMany(o => o.Networks).Distinct())
        {
            var key = $"NetworkAttachmentDefinition {ns}/{name}";
            if (folder is null)
            {
                findings.NotCarriedOver(key, $"create it with the config of Genie's file for \"{name}\" (e.g. /etc/cni/net.d/NN-{name}.conf) as spec.config, or give --genie-conf-dir to have it written");
                continue;
            }

            if (folder.Find(name) is not { } file)
            {
                findings.NotCarriedOver(key, $"no config file for plugin \"{name}\" in \"{folder.Path}\" (Genie's rule: the file name between the first '-' and the extension); create the NAD yourself");
                continue;
            }

            networks.Add(new JsonObject
            {
                ["apiVersion"] = "k8s.cni.cncf.io/v1",
                ["kind"] = "NetworkAttachmentDefinition",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = ns,
                },
                ["spec"] = new JsonObject { ["config"] = File.ReadAllText(file).Trim() },
            });
        }

        return new GenieMigration(objects, networks, findings.Items);
    }
}
