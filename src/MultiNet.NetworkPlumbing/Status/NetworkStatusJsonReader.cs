using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Status;

/// <summary>Reads a network-status annotation value; lenient about unknown keys, strict about types.</summary>
internal static class NetworkStatusJsonReader
{
    // Duplicate keys would make a cloned "device-info" object throw when it is first read; refuse them up front.
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    /// <summary>The entries, in order.</summary>
    public static IReadOnlyList<NetworkStatus> Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json), Options);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line && e.BytePositionInLine is { } column
                ? $" at line {line + 1}, column {column + 1}"
                : string.Empty;
            throw Error($"invalid JSON{where}", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw Error($"expected an array of objects, got {JsonKindText.Of(root.ValueKind)}");
            }

            var statuses = new List<NetworkStatus>(root.GetArrayLength());
            foreach (JsonElement entry in root.EnumerateArray())
            {
                statuses.Add(ReadOne(entry, $"entry {statuses.Count + 1}"));
            }

            return statuses;
        }
    }

    private static NetworkStatus ReadOne(JsonElement entry, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Error($"{where}: expected an object, got {JsonKindText.Of(entry.ValueKind)}");
        }

        var status = new NetworkStatus { Name = string.Empty };
        bool named = false;
        foreach (JsonProperty p in entry.EnumerateObject())
        {
            string field = p.Name;
            JsonElement v = p.Value;
            switch (field)
            {
                case "name":
                    status = status with { Name = String(v, where, field) ?? string.Empty };
                    named = status.Name.Length > 0;
                    break;
                case "interface":
                    status = status with { Interface = String(v, where, field) };
                    break;
                case "ips":
                    status = status with { Ips = Strings(v, where, field) ?? [] };
                    break;
                case "mac":
                    status = status with { Mac = String(v, where, field) };
                    break;
                case "mtu":
                    status = status with { Mtu = Int(v, where, field) };
                    break;
                case "default":
                    status = status with { Default = Bool(v, where, field) };
                    break;
                case "dns":
                    status = status with { Dns = Dns(v, where) };
                    break;
                case "gateway":
                    status = status with { Gateway = Strings(v, where, field) };
                    break;
                case "device-info":
                    status = status with { DeviceInfo = Object(v, where, field) };
                    break;
                default:
                    break;
            }
        }

        return named ? status : throw Error($"{where}: field \"name\" is required");
    }

    private static NetworkStatusDns? Dns(JsonElement v, string where)
    {
        if (Object(v, where, "dns") is null)
        {
            return null;
        }

        var dns = new NetworkStatusDns();
        foreach (JsonProperty p in v.EnumerateObject())
        {
            string field = $"dns.{p.Name}";
            dns = p.Name switch
            {
                "nameservers" => dns with { Nameservers = Strings(p.Value, where, field) ?? [] },
                "domain" => dns with { Domain = String(p.Value, where, field) },
                "search" => dns with { Search = Strings(p.Value, where, field) ?? [] },
                "options" => dns with { Options = Strings(p.Value, where, field) ?? [] },
                _ => dns,
            };
        }

        return dns.IsEmpty ? null : dns;
    }

    private static string? String(JsonElement v, string where, string field) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
        _ => throw TypeError(where, field, "a string", v),
    };

    private static List<string>? Strings(JsonElement v, string where, string field)
    {
        if (v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw TypeError(where, field, "an array of strings", v);
        }

        return v.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw TypeError(where, field, "an array of strings", v))
            .ToList();
    }

    private static int? Int(JsonElement v, string where, string field) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when v.TryGetInt32(out int n) => n,
        _ => throw TypeError(where, field, "an integer", v),
    };

    private static bool Bool(JsonElement v, string where, string field) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => false,
        JsonValueKind.True => true,
        _ => throw TypeError(where, field, "a boolean", v),
    };

    private static JsonObject? Object(JsonElement v, string where, string field) => v.ValueKind switch
    {
        JsonValueKind.Null => null,

        // Clone: the node must outlive the document.
        JsonValueKind.Object => JsonObject.Create(v.Clone()),
        _ => throw TypeError(where, field, "an object", v),
    };

    private static CniException TypeError(string where, string field, string expected, JsonElement actual) =>
        Error($"{where}: field \"{field}\": expected {expected}, got {JsonKindText.Of(actual.ValueKind)}");

    private static CniException Error(string problem, Exception? inner = null) =>
        new(CniErrorCode.DecodeFailure, $"annotation \"{NetworkStatusBuilder.AnnotationKey}\": {problem}", null, inner);

}
