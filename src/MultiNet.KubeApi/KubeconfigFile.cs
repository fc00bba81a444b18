using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.KubeApi;

/// <summary>
/// Reads a kubeconfig (YAML or JSON) the way kubectl resolves it: current-context, then its cluster and user.
/// Relative file paths are relative to the kubeconfig's folder; <c>-data</c> fields win over their file forms and
/// <c>token</c> over <c>tokenFile</c>.
/// </summary>
internal static class KubeconfigFile
{
    /// <summary>Loads the endpoint; throws <see cref="CniException"/> (<see cref="CniErrorCode.InvalidConfig"/>) naming what is wrong.</summary>
    public static ApiEndpoint Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var context = new KubeconfigReadContext($"kubeconfig \"{path}\"", Path.GetDirectoryName(fullPath) ?? "/");
        string text;
        try
        {
            text = File.ReadAllText(fullPath, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw context.Fail($"cannot read: {FileError.Describe(e)}", e);
        }

        JsonNode? root;
        try
        {
            root = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : YamlSubsetReader.Parse(text);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw context.Fail($"not valid YAML or JSON: {e.Message}", e);
        }

        return Resolve(root as JsonObject ?? throw context.Fail("is empty or not a mapping"), context);
    }

    private static ApiEndpoint Resolve(JsonObject root, KubeconfigReadContext context)
    {
        var currentContext = KubeconfigReadContext.Text(root, "current-context")
            ?? throw context.Fail("has no current-context");
        var contextEntry = Named(root, "contexts", "context", currentContext, context)
            ?? throw context.Fail($"context \"{currentContext}\" named by current-context is not in contexts");
        var clusterName = KubeconfigReadContext.Text(contextEntry, "cluster")
            ?? throw context.Fail($"context \"{currentContext}\" names no cluster");
        var cluster = Named(root, "clusters", "cluster", clusterName, context)
            ?? throw context.Fail($"cluster \"{clusterName}\" named by context \"{currentContext}\" is not in clusters");
        var userName = KubeconfigReadContext.Text(contextEntry, "user");
        var user = userName is null ? null : Named(root, "users", "user", userName, context)
            ?? throw context.Fail($"user \"{userName}\" named by context \"{currentContext}\" is not in users");

        var clusterContext = context.For($"cluster \"{clusterName}\"");
        var server = KubeconfigReadContext.Text(cluster, "server") ?? throw clusterContext.Fail("has no server");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("https" or "http"))
        {
            throw clusterContext.Fail($"server \"{server}\" is not an http or https URL");
        }

        var endpoint = new ApiEndpoint
        {
            Server = serverUri,
            CaCertificatePem = clusterContext.Pem(cluster, "certificate-authority"),
            InsecureSkipTlsVerify = clusterContext.Flag(cluster, "insecure-skip-tls-verify"),
            TlsServerName = KubeconfigReadContext.Text(cluster, "tls-server-name"),
            Source = context.Source,
        };
        if (endpoint.InsecureSkipTlsVerify && endpoint.CaCertificatePem is not null)
        {
            throw clusterContext.Fail("sets both insecure-skip-tls-verify and a certificate-authority");
        }

        return user is null ? endpoint : WithUser(endpoint, user, context.For($"user \"{userName}\""));
    }

    private static ApiEndpoint WithUser(ApiEndpoint endpoint, JsonObject user, KubeconfigReadContext context)
    {
        var result = endpoint with
        {
            Token = KubeconfigReadContext.Text(user, "token"),
            TokenFile = context.FilePath(KubeconfigReadContext.Text(user, "tokenFile")),
            ClientCertificatePem = context.Pem(user, "client-certificate"),
            ClientKeyPem = context.Pem(user, "client-key"),
        };
        if ((result.ClientCertificatePem is null) != (result.ClientKeyPem is null))
        {
            throw context.Fail(result.ClientKeyPem is null
                ? "has client-certificate but no client-key"
                : "has client-key but no client-certificate");
        }

        var hasCredential = result.Token is not null || result.TokenFile is not null || result.ClientCertificatePem is not null;
        if (!hasCredential && (user["exec"] is not null || user["auth-provider"] is not null))
        {
            throw context.Fail("uses an exec or auth-provider credential plugin, which multinet does not run; use token, tokenFile or a client certificate");
        }

        return result;
    }

    /// <summary>Finds <c>{name: ..., key: {...}}</c> in the list <paramref name="listKey"/> and returns its <paramref name="key"/> object.</summary>
    private static JsonObject? Named(JsonObject root, string listKey, string key, string name, KubeconfigReadContext context)
    {
        if (root[listKey] is not JsonArray list)
        {
            return root[listKey] is null ? null : throw context.Fail($"{listKey} is not a list");
        }

        foreach (var entry in list)
        {
            if (entry is JsonObject item && KubeconfigReadContext.Text(item, "name") == name)
            {
                return item[key] as JsonObject ?? [];
            }
        }

        return null;
    }
}
