using System.Text.Json;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>Typed reads of JSON values that fail with a <see cref="SelectionScope"/> error naming the field and the expected type.</summary>
internal static class JsonFieldReader
{
    /// <summary>The string, null when the value is JSON null or empty.</summary>
    public static string? OptionalString(SelectionScope scope, string field, JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            _ => throw TypeError(scope, field, "a string", value),
        };

    /// <summary>The strings of an array, null when the value is JSON null.</summary>
    public static IReadOnlyList<string>? OptionalStringArray(SelectionScope scope, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw TypeError(scope, field, "an array of strings", value);
        }

        var items = new List<string>(value.GetArrayLength());
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw TypeError(scope, $"{field}[{i}]", "a string", item);
            }

            items.Add(item.GetString()!);
            i++;
        }

        return items;
    }

    /// <summary>An integer (no fraction, no exponent), null when the value is JSON null.</summary>
    public static long? OptionalInteger(SelectionScope scope, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw TypeError(scope, field, "an integer", value);
        }

        return value.TryGetInt64(out long n)
            ? n
            : throw scope.Field(field, $"{value.GetRawText()} is not an integer");
    }

    /// <summary>The error for a value of the wrong JSON type.</summary>
    public static Cni.Protocol.CniException TypeError(SelectionScope scope, string field, string expected, JsonElement actual) =>
        scope.Field(field, $"expected {expected}, got {JsonKindText.Of(actual.ValueKind)}");

}
