using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiNet.Daemon.Configuration;
using MultiNet.Daemon.Install;
using MultiNet.Daemon.Server;
using MultiNet.KubeApi;

namespace MultiNet.Daemon.CniConfig;

/// <summary>
/// Plugs the generated CNI config into the daemon when its configuration has a <c>cniConfig</c> section: the manager
/// runs as a hosted service (started with the daemon, stopped after the SIGTERM drain) and is one of the readiness checks.
/// </summary>
internal static class CniConfigRegistration
{
    private const string LoggerCategory = "MultiNet.Daemon.CniConfig";

    /// <summary>Registers the manager; throws <see cref="DaemonConfigException"/> naming the key of a bad section.</summary>
    public static void Register(DaemonHost host, DaemonOptions options, ApiEndpoint endpoint)
    {
        CniConfigOptions? cniConfig;
        try
        {
            cniConfig = CniConfigOptionsReader.FromDaemonConfig(options.Raw, options.SocketDir);
        }
        catch (ArgumentException e)
        {
            throw new DaemonConfigException(e.Message);
        }

        if (cniConfig is null)
        {
            return;
        }

        host.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
            var uninstall = cniConfig.Removal == ConfigRemoval.OnUninstall
                ? DaemonSetUninstallProbe.FromEnvironment(endpoint, Environment.GetEnvironmentVariable, logger)
                : null;
            return new CniConfigManager(cniConfig, logger, uninstall);
        });
        host.Services.AddHostedService(services => new CniConfigService(services.GetRequiredService<CniConfigManager>()));
        host.AddReadinessCheck(services =>
        {
            var manager = services.GetRequiredService<CniConfigManager>();
            return () => manager.NotReadyReason;
        });
    }
}
