using Microsoft.Extensions.Hosting;

namespace MultiNet.Daemon.CniConfig;

/// <summary>Runs a <see cref="CniConfigManager"/> as a hosted service: started with the daemon, stopped (and the
/// generated file removed or kept, as configured) after the SIGTERM drain.</summary>
internal sealed class CniConfigService(CniConfigManager manager) : BackgroundService
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => manager.RunAsync(stoppingToken);
}
