using System.Globalization;
using System.Text.Json;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>Reads a selection element's <c>portMappings</c> array.</summary>
internal static class PortMappingReader
{
    /// <summary>The mappings, null when the value is JSON null.</summary>
    public static IReadOnlyList<PortMapping>? Read(SelectionScope scope, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw JsonFieldReader.TypeError(scope, field, "an array of objects", value);
        }

        var mappings = new List<PortMapping>(value.GetArrayLength());
        int i = 0;
        foreach (JsonElement entry in value.EnumerateArray())
        {
            mappings.Add(ReadOne(scope, $"{field}[{i}]", entry));
            i++;
        }

        return mappings;
    }

    private static PortMapping ReadOne(SelectionScope scope, string path, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw JsonFieldReader.TypeError(scope, path, "an object", entry);
        }

        int? hostPort = null;
        int? containerPort = null;
        string protocol = "tcp";
        string? hostIp = null;
        foreach (JsonProperty p in entry.EnumerateObject())
        {
            string field = $"{path}.{p.Name}";
            switch (p.Name)
            {
                case "hostPort":
                    hostPort = ReadPort(scope, field, p.Value);
                    break;
                case "containerPort":
                    containerPort = ReadPort(scope, field, p.Value);
                    break;
                case "protocol":
                    protocol = ReadProtocol(scope, field, p.Value);
                    break;
                case "hostIP":
                    hostIp = JsonFieldReader.OptionalString(scope, field, p.Value);
                    if (hostIp is not null && AddressSyntax.IpProblem(hostIp, allowPrefix: false) is { } problem)
                    {
                        throw scope.Value(field, hostIp, problem);
                    }

                    break;
                default:
                    JsonSelectionElementReader.RejectUnknown(scope, p.Name, field);
                    break;
            }
        }

        return new PortMapping
        {
            HostPort = hostPort ?? throw scope.Field($"{path}.hostPort", "is required"),
            ContainerPort = containerPort ?? throw scope.Field($"{path}.containerPort", "is required"),
            Protocol = protocol,
            HostIp = hostIp,
        };
    }

    private static int? ReadPort(SelectionScope scope, string field, JsonElement value)
    {
        long? port = JsonFieldReader.OptionalInteger(scope, field, value);
        if (port is < 1 or > 65535)
        {
            throw scope.Field(field, $"{port.Value.ToString(CultureInfo.InvariantCulture)} is out of range (1-65535)");
        }

        return (int?)port;
    }

    private static string ReadProtocol(SelectionScope scope, string field, JsonElement value)
    {
        string? protocol = JsonFieldReader.OptionalString(scope, field, value);
        if (protocol is null)
        {
            return "tcp";
        }

        string lower = protocol.ToLowerInvariant();
        return lower is "tcp" or "udp" or "sctp"
            ? lower
            : throw scope.Value(field, protocol, "is not a protocol (TCP, UDP or SCTP)");
    }
}
