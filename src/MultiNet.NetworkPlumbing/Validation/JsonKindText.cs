using System.Text.Json;

namespace MultiNet.NetworkPlumbing.Validation;

/// <summary>JSON value kinds in words, for "expected X, got Y" messages.</summary>
internal static class JsonKindText
{
    /// <summary>"an object", "a string", "null", ...</summary>
    public static string Of(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
