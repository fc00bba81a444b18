using MultiNet.Cni.Build;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Daemon.CniConfig;
using MultiNet.Daemon.Configuration;
using MultiNet.Daemon.Install;
using MultiNet.Daemon.Server;
using MultiNet.KubeApi;

namespace MultiNet.Daemon;

/// <summary>
/// multinetd entry point: <c>multinetd [--config FILE]</c> runs the daemon. Exit codes: 0 after a clean shutdown,
/// 2 for a bad command line or configuration (the message on stderr), 1 when the daemon failed while running.
/// </summary>
internal static class Program
{
    private const string DefaultConfigPath = "/etc/multinet/daemon.json";
    private const string Usage = "usage: multinetd [--config FILE]   (default " + DefaultConfigPath + ")\n"
        + "       multinetd install --help     (install the plugin, kubeconfig and CNI config on the node)\n"
        + "       multinetd --version\n";

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case [ChrootLauncher.Verb, .. var launch]:
                return ChrootLauncher.Exec(launch);
            case ["install", .. var rest]:
                return await InstallCommand.RunAsync(rest, CancellationToken.None).ConfigureAwait(false);
            case ["--help" or "-h"]:
                Console.Out.Write(Usage);
                return 0;
            case ["--version"]:
                Console.Out.WriteLine(BuildInfo.VersionLine("multinetd"));
                return 0;
            default:
                return await RunDaemonAsync(args).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunDaemonAsync(string[] args)
    {
        DaemonHost host;
        try
        {
            var options = DaemonOptionsReader.Read(ConfigPath(args), Environment.GetEnvironmentVariable);
            var endpoint = Endpoint(options);
            host = new DaemonHost(options, endpoint);
            CniConfigRegistration.Register(host, options, endpoint);
        }
        catch (DaemonConfigException e)
        {
            await Console.Error.WriteLineAsync($"multinetd: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await host.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"multinetd: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static string ConfigPath(string[] args) => args switch
    {
        [] => DefaultConfigPath,
        ["--config" or "-c", var path] => path,
        [var single] when single.StartsWith("--config=", StringComparison.Ordinal) => single["--config=".Length..],
        _ => throw new DaemonConfigException($"unexpected arguments \"{string.Join(' ', args)}\"; {Usage.TrimEnd()}"),
    };

    private static ApiEndpoint Endpoint(DaemonOptions options)
    {
        try
        {
            return (options.Kubeconfig is { } path ? KubeconfigFile.Load(path) : InClusterEndpoint.TryLoad())
                ?? throw new DaemonConfigException("field \"kubeconfig\": not set, and this is not a pod (no in-cluster service account)");
        }
        catch (CniException e)
        {
            throw new DaemonConfigException(e.Message);
        }
    }
}
