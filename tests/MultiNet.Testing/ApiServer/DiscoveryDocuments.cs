using System.Text.Json.Nodes;

namespace MultiNet.Testing.ApiServer;

/// <summary>The discovery answers (/api, /api/v1, /apis, /apis/{group}[/{version}], /version): minimal but valid.</summary>
internal static class DiscoveryDocuments
{
    /// <summary>Returns the document served at <paramref name="path"/>, or null when the path is not a discovery path.</summary>
    public static JsonObject? Find(string path, string serverAddress)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["version"] => Version(),
            ["api"] => new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
                {
                    ["clientCIDR"] = "0.0.0.0/0",
                    ["serverAddress"] = serverAddress,
                }),
            },
            ["api", "v1"] => ResourceList("", "v1"),
            ["apis"] => new JsonObject
            {
                ["kind"] = "APIGroupList",
                ["apiVersion"] = "v1",
                ["groups"] = new JsonArray([.. Groups().Select(Group)]),
            },
            ["apis", var group] when Groups().Contains(group) => Group(group),
            ["apis", var group, var version] when ResourceType.All.Any(r => r.Group == group && r.Version == version) =>
                ResourceList(group, version),
            _ => null,
        };
    }

    private static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "33",
        ["gitVersion"] = "v1.33.0-multinet-standin",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.24.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    private static IEnumerable<string> Groups() =>
        ResourceType.All.Where(r => r.Group.Length > 0).Select(r => r.Group).Distinct();

    private static JsonObject Group(string group)
    {
        var versions = ResourceType.All.Where(r => r.Group == group).Select(r => r.Version).Distinct()
            .Select(v => (JsonNode)GroupVersion(group, v));
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions]),
            ["preferredVersion"] = GroupVersion(group, "v1"),
        };
    }

    private static JsonObject GroupVersion(string group, string version) => new()
    {
        ["groupVersion"] = $"{group}/{version}",
        ["version"] = version,
    };

    private static JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var r in ResourceType.All.Where(r => r.Group == group && r.Version == version))
        {
            resources.Add(new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"),
            });
            if (r.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{r.Plural}/status",
                    ["singularName"] = "",
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = r.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }
}
