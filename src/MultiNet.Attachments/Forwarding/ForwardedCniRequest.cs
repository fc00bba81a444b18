using System.Text.Json;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Forwarding;

/// <summary>
/// The thick-mode wire format, in one place for the shim (<c>multinet</c>) and the daemon (<c>multinetd</c>):
/// <c>POST /cni</c> on <c>&lt;daemonSocketDir&gt;/multinet.sock</c> with <c>{"env": {"CNI_COMMAND": ...}, "stdin": "&lt;base64&gt;"}</c>.
/// The answer is 200 with what the plugin prints (a result in the config's cniVersion, or nothing), or an error
/// status with a CNI error JSON body; 503 means "not ready or shutting down", 429 "busy".
/// </summary>
/// <param name="Env">The CNI_* environment variables of the call.</param>
/// <param name="Stdin">The network configuration exactly as the runtime sent it.</param>
public sealed record ForwardedCniRequest(IReadOnlyDictionary<string, string> Env, byte[] Stdin)
{
    /// <summary>File name of the daemon's socket inside <c>daemonSocketDir</c>.</summary>
    public const string SocketFileName = "multinet.sock";
    /// <summary>Path of CNI requests.</summary>
    public const string CniPath = "/cni";
    /// <summary>Path of the readiness check (200 when ready).</summary>
    public const string ReadyPath = "/readyz";
    /// <summary>HTTP status of "not ready yet, or shutting down": the shim waits (ADD) or deletes itself (DEL).</summary>
    public const int NotReadyStatus = 503;
    /// <summary>HTTP status of "every slot and the queue are taken": a CNI error with code 11.</summary>
    public const int BusyStatus = 429;

    /// <summary>The CNI environment variables of this process (the only ones forwarded).</summary>
    public static Dictionary<string, string> CurrentCniEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith("CNI_", StringComparison.Ordinal) && entry.Value is string value)
            {
                env[key] = value;
            }
        }

        return env;
    }

    /// <summary>The request body.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream(Stdin.Length * 4 / 3 + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("env");
            foreach (var (key, value) in Env)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteBase64String("stdin", Stdin);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a request body; throws <see cref="CniException"/> (code 6) naming the field that is wrong.</summary>
    public static ForwardedCniRequest Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Bad("the body", "expected a JSON object");
            }

            if (!doc.RootElement.TryGetProperty("env", out var envElement) || envElement.ValueKind != JsonValueKind.Object)
            {
                throw Bad("field \"env\"", "expected an object of strings");
            }

            var env = ReadEnv(envElement);

            if (!doc.RootElement.TryGetProperty("stdin", out var stdin) || stdin.ValueKind != JsonValueKind.String
                || !stdin.TryGetBytesFromBase64(out var bytes))
            {
                throw Bad("field \"stdin\"", "expected the network config in base64");
            }

            return new ForwardedCniRequest(env, bytes);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodeFailure, $"daemon request: the body is not valid JSON: {e.Message}", null, e);
        }
    }

    private static Dictionary<string, string> ReadEnv(JsonElement envElement)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var variable in envElement.EnumerateObject())
            {
                env[variable.Name] = variable.Value.ValueKind == JsonValueKind.String
                    ? variable.Value.GetString()!
                    : throw Bad($"field \"env.{JsonEncodedText.Encode(variable.Name)}\"", "expected a string");
            }
        }
        catch (InvalidOperationException e)
        {
            // Well-formed JSON can still spell text that is not Unicode: invalid UTF-8, or an escaped lone surrogate.
            throw new CniException(CniErrorCode.DecodeFailure, "daemon request: field \"env\": a name or value is not valid Unicode text", e.Message, e);
        }

        return env;
    }

    private static CniException Bad(string what, string problem) =>
        new(CniErrorCode.DecodeFailure, $"daemon request: {what}: {problem}");
}
