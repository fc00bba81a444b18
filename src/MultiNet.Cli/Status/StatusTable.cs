using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cli.Output;

namespace MultiNet.Cli.Status;

/// <summary>A network-status annotation as a table: one row per attachment.</summary>
internal static class StatusTable
{
    public static void Write(JsonArray entries, TextWriter output)
    {
        var table = new TextTable("NETWORK", "INTERFACE", "IPS", "MAC", "DEFAULT", "DEVICE-INFO");
        foreach (var entry in entries.OfType<JsonObject>())
        {
            table.Add(
                Text(entry["name"]) ?? "?",
                Text(entry["interface"]) ?? "-",
                entry["ips"] is JsonArray ips && ips.Count > 0 ? string.Join(",", ips.Select(Text)) : "-",
                Text(entry["mac"]) ?? "-",
                entry["default"] is JsonValue d && d.GetValueKind() == JsonValueKind.True ? "yes" : "no",
                DeviceInfo(entry["device-info"] as JsonObject));
        }

        table.WriteTo(output);
    }

    // Device Information Spec: {"type": "pci", "version": "1.1.0", "pci": {"pci-address": "0000:03:00.1", ...}}.
    private static string DeviceInfo(JsonObject? info)
    {
        if (info is null)
        {
            return "-";
        }

        var type = Text(info["type"]);
        var address = type is null ? null : info[type] switch
        {
            JsonObject details => Text(details["pci-address"]) ?? Text(details["parent-device"]) ?? Text(details["rep-pci"]),
            _ => null,
        };
        return type is not null && address is not null ? $"{type} {address}" : JsonText.Compact(info);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString() : null;
}
