using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Invocation;

/// <summary>Turns what a failed plugin printed into a <see cref="CniException"/> (libcni's rules).</summary>
internal static class PluginFailureReader
{
    private const int MaxDetails = 2048;

    public static CniException Read(int exitCode, byte[] stdout, string stderrTail)
    {
        var text = Encoding.UTF8.GetString(stdout).Trim();
        if (text.Length == 0)
        {
            return stderrTail.Length > 0
                ? new CniException(CniErrorCode.DelegateFailed, $"plugin exited with code {exitCode}: {stderrTail}")
                : new CniException(CniErrorCode.DelegateFailed, $"plugin exited with code {exitCode} and no error message");
        }

        if (TryParseError(text) is { } error)
        {
            return error;
        }

        return new CniException(
            CniErrorCode.DelegateFailed,
            $"plugin exited with code {exitCode} and printed an invalid error message",
            Truncate(text));
    }

    /// <summary>Cuts text to a size fit for an error's details.</summary>
    public static string Truncate(string text) =>
        text.Length <= MaxDetails ? text : string.Concat(text.AsSpan(0, MaxDetails), "…");

    private static CniException? TryParseError(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject obj ? FromObject(obj) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // A duplicate key surfaces when the object is first read.
            return null;
        }
    }

    private static CniException? FromObject(JsonObject obj)
    {
        int? code = obj["code"] is JsonValue c && c.GetValueKind() == JsonValueKind.Number && c.TryGetValue<int>(out var n) ? n : null;
        var msg = obj["msg"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : null;
        var details = obj["details"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : null;
        if (code is null && msg is null)
        {
            return null;
        }

        // Code 0 is Go's "unknown error"; it says nothing a caller can act on.
        var errorCode = code is null or 0 ? CniErrorCode.DelegateFailed : (CniErrorCode)code.Value;
        return new CniException(errorCode, string.IsNullOrEmpty(msg) ? "plugin failed without a message" : msg, NullIfEmpty(details));
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
