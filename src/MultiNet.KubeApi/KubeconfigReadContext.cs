using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.KubeApi;

/// <summary>Where in a kubeconfig a value is read from, so that every error names the file and the entry.</summary>
/// <param name="Source">e.g. <c>kubeconfig "/etc/cni/net.d/multinet.d/kubeconfig"</c>.</param>
/// <param name="Directory">Folder that relative paths start from.</param>
/// <param name="Entry">e.g. <c>user "admin"</c>, or null at the top.</param>
internal sealed record KubeconfigReadContext(string Source, string Directory, string? Entry = null)
{
    public KubeconfigReadContext For(string entry) => this with { Entry = entry };

    public CniException Fail(string message, Exception? inner = null) =>
        new(CniErrorCode.InvalidConfig, Entry is null ? $"{Source}: {message}" : $"{Source}: {Entry}: {message}", null, inner);

    /// <summary>A string field; null when absent or empty.</summary>
    public static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text
            ? text
            : null;

    /// <summary>A boolean field, given as a YAML scalar or a JSON boolean.</summary>
    public bool Flag(JsonObject obj, string key) => obj[key] switch
    {
        null => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() is JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.String =>
            v.GetValue<string>().ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" or "" => false,
                var other => throw Fail($"{key} \"{other}\" is not true or false"),
            },
        _ => throw Fail($"{key} is not true or false"),
    };

    /// <summary>PEM bytes from <c>{key}-data</c> (base64) or else from the file named by <c>{key}</c>; null when neither is set.</summary>
    public byte[]? Pem(JsonObject obj, string key)
    {
        if (Text(obj, key + "-data") is { } data)
        {
            try
            {
                return Convert.FromBase64String(string.Concat(data.Where(c => !char.IsWhiteSpace(c))));
            }
            catch (FormatException e)
            {
                throw Fail($"{key}-data is not valid base64", e);
            }
        }

        if (FilePath(Text(obj, key)) is not { } path)
        {
            return null;
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail($"{key} \"{path}\": cannot read: {FileError.Describe(e)}", e);
        }
    }

    /// <summary>Resolves a path relative to the kubeconfig's folder; null stays null.</summary>
    public string? FilePath(string? path) => path is null ? null : Path.GetFullPath(path, Directory);
}
