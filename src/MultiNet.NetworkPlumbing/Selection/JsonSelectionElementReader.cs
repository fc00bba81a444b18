using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>Reads and validates one object of the JSON selection form (NPWG spec §4.1.2, plus Multus's extra keys).</summary>
internal static class JsonSelectionElementReader
{
    /// <summary>Reads element <paramref name="index"/>; throws <see cref="Cni.Protocol.CniException"/> on any invalid field.</summary>
    public static NetworkSelectionElement Read(JsonElement obj, string annotationKey, int index, string defaultNamespace)
    {
        var scope = new SelectionScope(annotationKey, index);
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw scope.Fail($"expected an object, got {JsonKindText.Of(obj.ValueKind)}");
        }

        // The name first, so that every later message can say which network it is about.
        string name = ReadName(scope, obj);
        scope.Name = name;

        string? ns = null;
        string? iface = null;
        string? deprecatedIface = null;
        var element = new NetworkSelectionElement { Name = name, Namespace = defaultNamespace, Index = index };
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            JsonElement v = p.Value;
            switch (p.Name)
            {
                case "name":
                    break;
                case "namespace":
                    ns = ReadLabel(scope, p.Name, v);
                    break;
                case "interface":
                    iface = ReadInterface(scope, p.Name, v);
                    break;
                case "interfaceRequest":
                    deprecatedIface = ReadInterface(scope, p.Name, v);
                    break;
                case "ips":
                    element = element with { Ips = NonEmpty(ReadAddresses(scope, p.Name, v, allowPrefix: true)) };
                    break;
                case "mac":
                    element = element with { Mac = ReadChecked(scope, p.Name, v, AddressSyntax.MacProblem) };
                    break;
                case "infiniband-guid":
                    element = element with { InfinibandGuid = ReadChecked(scope, p.Name, v, AddressSyntax.GuidProblem) };
                    break;
                case "default-route":
                    element = element with { DefaultRoute = ReadAddresses(scope, p.Name, v, allowPrefix: false) };
                    break;
                case "portMappings":
                    element = element with { PortMappings = NonEmpty(PortMappingReader.Read(scope, p.Name, v)) };
                    break;
                case "bandwidth":
                    element = element with { Bandwidth = BandwidthReader.Read(scope, p.Name, v) };
                    break;
                case "cni-args":
                    element = element with { CniArgs = ReadObject(scope, p.Name, v) };
                    break;
                case "ipam-claim-reference":
                    element = element with { IpamClaimReference = ReadChecked(scope, p.Name, v, DnsSubdomainProblem) };
                    break;
                case "deviceID":
                    element = element with { DeviceId = JsonFieldReader.OptionalString(scope, p.Name, v) };
                    break;
                default:
                    RejectUnknown(scope, p.Name, p.Name);
                    break;
            }
        }

        // Multus: the pre-3.2 key "interfaceRequest" counts only when "interface" is absent or empty.
        return element with { Namespace = ns ?? defaultNamespace, InterfaceRequest = iface ?? deprecatedIface };
    }

    /// <summary>
    /// Keys without a '.' are reserved by the spec; extensions use reverse-DNS names and are ignored. An unknown
    /// reserved key is refused rather than ignored: a typo such as "interfce" would otherwise silently do nothing.
    /// </summary>
    public static void RejectUnknown(SelectionScope scope, string key, string path)
    {
        if (!key.Contains('.', StringComparison.Ordinal))
        {
            throw scope.Field(
                path,
                "unknown key (keys without a '.' are reserved by the network selection spec; " +
                "extensions use reverse-DNS names such as \"org.example.key\")");
        }
    }

    private static string ReadName(SelectionScope scope, JsonElement obj)
    {
        if (!obj.TryGetProperty("name", out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            throw scope.Field("name", "is required");
        }

        return ReadLabel(scope, "name", v) ?? throw scope.Field("name", "is empty");
    }

    private static string? ReadLabel(SelectionScope scope, string field, JsonElement v) =>
        ReadChecked(scope, field, v, DnsLabel.Problem);

    private static string? ReadInterface(SelectionScope scope, string field, JsonElement v) =>
        ReadChecked(scope, field, v, InterfaceNames.Problem);

    private static string? ReadChecked(SelectionScope scope, string field, JsonElement v, Func<string, string?> problemOf)
    {
        string? s = JsonFieldReader.OptionalString(scope, field, v);
        if (s is not null && problemOf(s) is { } problem)
        {
            throw scope.Value(field, s, problem);
        }

        return s;
    }

    private static IReadOnlyList<string>? ReadAddresses(SelectionScope scope, string field, JsonElement v, bool allowPrefix)
    {
        IReadOnlyList<string>? list = JsonFieldReader.OptionalStringArray(scope, field, v);
        for (int i = 0; list is not null && i < list.Count; i++)
        {
            if (AddressSyntax.IpProblem(list[i], allowPrefix) is { } problem)
            {
                throw scope.Value($"{field}[{i}]", list[i], problem);
            }
        }

        return list;
    }

    private static JsonObject? ReadObject(SelectionScope scope, string field, JsonElement v) =>
        v.ValueKind switch
        {
            JsonValueKind.Null => null,

            // Clone: the node must outlive the JsonDocument the element belongs to.
            JsonValueKind.Object => JsonObject.Create(v.Clone()),
            _ => throw JsonFieldReader.TypeError(scope, field, "an object", v),
        };

    private static IReadOnlyList<T>? NonEmpty<T>(IReadOnlyList<T>? list) => list is { Count: > 0 } ? list : null;

    // IPAMClaim names are Kubernetes object names: DNS-1123 subdomains (labels joined by '.', at most 253).
    private static string? DnsSubdomainProblem(string s)
    {
        if (s.Length > 253)
        {
            return "is longer than 253 characters";
        }

        foreach (string label in s.Split('.'))
        {
            if (label.Length == 0 || !DnsLabel.IsValid(label))
            {
                return "is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')";
            }
        }

        return null;
    }
}
