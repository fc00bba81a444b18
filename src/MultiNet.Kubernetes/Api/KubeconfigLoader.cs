using k8s;
using k8s.Exceptions;
using MultiNet.Cni.Protocol;

namespace MultiNet.Kubernetes.Api;

/// <summary>Finds the client configuration: an explicit kubeconfig, the pod's service account, or the user's kubeconfig.</summary>
internal static class KubeconfigLoader
{
    /// <summary>Loads the configuration; throws <see cref="CniException"/> (InvalidConfig) naming the source when it cannot.</summary>
    public static KubernetesClientConfiguration Load(string? kubeconfigPath)
    {
        var source = string.IsNullOrEmpty(kubeconfigPath) ? "default kubeconfig" : $"kubeconfig \"{kubeconfigPath}\"";
        try
        {
            if (!string.IsNullOrEmpty(kubeconfigPath))
            {
                return File.Exists(kubeconfigPath)
                    ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath)
                    : throw new CniException(CniErrorCode.InvalidConfig, $"{source}: no such file");
            }

            if (KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }

            var fallback = Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env
                ? env.Split(Path.PathSeparator)[0]
                : Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
            return File.Exists(fallback)
                ? KubernetesClientConfiguration.BuildDefaultConfig()
                : throw new CniException(CniErrorCode.InvalidConfig, $"no kubeconfig given, none at \"{fallback}\", and not running in a pod");
        }
        catch (Exception e) when (e is KubeConfigException or YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException or FormatException)
        {
            throw new CniException(CniErrorCode.InvalidConfig, $"{source}: {e.Message}", null, e);
        }
    }
}
