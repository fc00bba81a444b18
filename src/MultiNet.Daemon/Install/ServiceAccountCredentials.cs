using System.Net;

namespace MultiNet.Daemon.Install;

/// <summary>What a pod's service account gives: the API server address, the token, its CA and namespace.</summary>
/// <param name="Server">https://KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT.</param>
/// <param name="Token">The bearer token (projected tokens rotate: read it again when the file changes).</param>
/// <param name="CaPem">ca.crt, or null to trust the system store.</param>
/// <param name="Namespace">The pod's namespace, or null when the file is absent.</param>
internal sealed record ServiceAccountCredentials(Uri Server, string Token, byte[]? CaPem, string? Namespace)
{
    /// <summary>Where Kubernetes mounts a pod's service-account token, CA and namespace.</summary>
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Reads the credentials; throws <see cref="InvalidOperationException"/> naming the missing variable or file.</summary>
    public static ServiceAccountCredentials Read(string directory, Func<string, string?> environment)
    {
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(port))
        {
            throw new InvalidOperationException(
                "kubeconfig: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (run in a pod, or set them)");
        }

        if (!int.TryParse(port, out var portNumber) || portNumber is < 1 or > 65535)
        {
            throw new InvalidOperationException($"kubeconfig: KUBERNETES_SERVICE_PORT \"{port}\" is not a port number");
        }

        if (IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            host = $"[{host}]";
        }

        var scheme = environment("KUBERNETES_SERVICE_PROTOCOL") is { Length: > 0 } protocol ? protocol : "https";
        if (!Uri.TryCreate($"{scheme}://{host}:{portNumber}", UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"kubeconfig: \"{scheme}://{host}:{port}\" is not an http or https URL");
        }

        var token = ReadText(Path.Combine(directory, "token"), required: true)!.Trim();
        if (token.Length == 0)
        {
            throw new InvalidOperationException($"kubeconfig: service-account token \"{Path.Combine(directory, "token")}\" is empty");
        }

        var caFile = Path.Combine(directory, "ca.crt");
        var ca = File.Exists(caFile) ? File.ReadAllBytes(caFile) : null;
        var ns = ReadText(Path.Combine(directory, "namespace"), required: false)?.Trim();
        return new ServiceAccountCredentials(server, token, ca, string.IsNullOrEmpty(ns) ? null : ns);
    }

    private static string? ReadText(string path, bool required)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && !required)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"kubeconfig: cannot read \"{path}\": {e.Message}", e);
        }
    }
}
