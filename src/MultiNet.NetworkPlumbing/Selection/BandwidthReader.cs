using System.Globalization;
using System.Text.Json;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>Reads a selection element's <c>bandwidth</c> object.</summary>
internal static class BandwidthReader
{
    /// <summary>The request, null when the value is JSON null.</summary>
    public static BandwidthRequest? Read(SelectionScope scope, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw JsonFieldReader.TypeError(scope, field, "an object", value);
        }

        var request = new BandwidthRequest();
        foreach (JsonProperty p in value.EnumerateObject())
        {
            string path = $"{field}.{p.Name}";
            switch (p.Name)
            {
                case "ingressRate":
                    request = request with { IngressRate = ReadAmount(scope, path, p.Value) };
                    break;
                case "ingressBurst":
                    request = request with { IngressBurst = ReadAmount(scope, path, p.Value) };
                    break;
                case "egressRate":
                    request = request with { EgressRate = ReadAmount(scope, path, p.Value) };
                    break;
                case "egressBurst":
                    request = request with { EgressBurst = ReadAmount(scope, path, p.Value) };
                    break;
                default:
                    JsonSelectionElementReader.RejectUnknown(scope, p.Name, path);
                    break;
            }
        }

        if (request is { IngressRate: null, IngressBurst: null, EgressRate: null, EgressBurst: null })
        {
            throw scope.Field(field, "needs at least one of ingressRate, ingressBurst, egressRate, egressBurst");
        }

        if (request.IngressBurst is not null && request.IngressRate is null)
        {
            throw scope.Field($"{field}.ingressBurst", "requires \"ingressRate\"");
        }

        if (request.EgressBurst is not null && request.EgressRate is null)
        {
            throw scope.Field($"{field}.egressBurst", "requires \"egressRate\"");
        }

        return request;
    }

    private static long? ReadAmount(SelectionScope scope, string field, JsonElement value)
    {
        long? amount = JsonFieldReader.OptionalInteger(scope, field, value);
        return amount < 0
            ? throw scope.Field(field, $"{amount.Value.ToString(CultureInfo.InvariantCulture)} is negative")
            : amount;
    }
}
