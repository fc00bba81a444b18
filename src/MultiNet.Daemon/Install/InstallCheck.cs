using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Install;

/// <summary>
/// <c>multinetd install --check</c>: whether what the install puts on the node is in place, changing nothing — the
/// thin DaemonSet's readiness probe (it has no daemon to ask): the host's <c>multinet</c> is the image's, and in thin
/// mode the kubeconfig and the generated config are written.
/// </summary>
internal static class InstallCheck
{
    /// <summary>Null when installed, else what is missing.</summary>
    public static string? Problem(InstallOptions options)
    {
        var target = Path.Combine(options.CniBinDir, Path.GetFileName(options.SourceBinary));
        if (!AtomicFile.SameContent(options.SourceBinary, target))
        {
            return $"\"{target}\" is missing or is not \"{options.SourceBinary}\"";
        }

        if (options.Mode != CniConfigMode.Thin)
        {
            return null;
        }

        if (!File.Exists(options.EffectiveKubeconfigPath))
        {
            return $"kubeconfig \"{options.EffectiveKubeconfigPath}\" is not written";
        }

        var config = options.ToCniConfigOptions().OutputPath;
        return File.Exists(config) ? null : $"\"{config}\" is not written (is there a primary network config, and the readiness indicator file?)";
    }
}
