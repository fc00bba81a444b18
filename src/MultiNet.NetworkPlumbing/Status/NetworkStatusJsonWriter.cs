using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MultiNet.NetworkPlumbing.Status;

/// <summary>Writes network-status entries with the Go client's keys and order.</summary>
internal static class NetworkStatusJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // The annotation is read by Kubernetes tooling, never embedded in HTML: keep '+' and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The compact JSON array.</summary>
    public static string Write(IEnumerable<NetworkStatus> statuses)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (NetworkStatus status in statuses)
            {
                WriteOne(writer, status);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOne(Utf8JsonWriter writer, NetworkStatus status)
    {
        writer.WriteStartObject();
        writer.WriteString("name", status.Name);
        WriteIfPresent(writer, "interface", status.Interface);
        WriteIfPresent(writer, "ips", status.Ips);
        WriteIfPresent(writer, "mac", status.Mac);
        if (status.Mtu is { } mtu)
        {
            writer.WriteNumber("mtu", mtu);
        }

        // The spec makes "default" required, so it is written even when false (the Go client omits it then).
        writer.WriteBoolean("default", status.Default);
        if (status.Dns is { IsEmpty: false } dns)
        {
            writer.WriteStartObject("dns");
            WriteIfPresent(writer, "nameservers", dns.Nameservers);
            WriteIfPresent(writer, "domain", dns.Domain);
            WriteIfPresent(writer, "search", dns.Search);
            WriteIfPresent(writer, "options", dns.Options);
            writer.WriteEndObject();
        }

        WriteIfPresent(writer, "gateway", status.Gateway);
        if (status.DeviceInfo is { Count: > 0 } deviceInfo)
        {
            writer.WritePropertyName("device-info");
            deviceInfo.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(key, value);
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string key, IReadOnlyList<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        writer.WriteStartArray(key);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
