using System.Net;

namespace MultiNet.KubeApi;

/// <summary>The API endpoint of a process running in a pod: KUBERNETES_SERVICE_HOST/PORT and the service-account token and CA.</summary>
internal static class InClusterEndpoint
{
    /// <summary>Where Kubernetes mounts the service-account token and CA.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The in-cluster endpoint, or null when not running in a pod (no service env or no token).</summary>
    public static ApiEndpoint? TryLoad() => TryLoad(Environment.GetEnvironmentVariable, ServiceAccountDirectory);

    /// <summary>As <see cref="TryLoad()"/>, with the environment and the service-account folder given.</summary>
    public static ApiEndpoint? TryLoad(Func<string, string?> environment, string serviceAccountDirectory)
    {
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port) || !File.Exists(tokenFile))
        {
            return null;
        }

        if (IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            host = $"[{host}]";
        }

        var caFile = Path.Combine(serviceAccountDirectory, "ca.crt");
        return new ApiEndpoint
        {
            Server = new Uri($"https://{host}:{port}"),
            TokenFile = tokenFile,
            CaCertificatePem = File.Exists(caFile) ? File.ReadAllBytes(caFile) : null,
            Source = "in-cluster config",
        };
    }
}
