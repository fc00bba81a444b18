using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiNet.Daemon.Configuration;

namespace MultiNet.Daemon.Server;

/// <summary>
/// SIGTERM (or SIGINT) makes the daemon unready at once and refuses new CNI requests; requests already admitted
/// finish (up to <c>shutdownGraceSeconds</c>); then the host stops, which stops the background services and Kestrel.
/// Replaces the generic host's console lifetime, which would stop everything at once.
/// </summary>
internal sealed partial class DrainingLifetime(
    IHostApplicationLifetime application, DaemonReadiness readiness, RequestGate gate, DaemonOptions options, ILogger<DrainingLifetime> logger)
    : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _draining;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            readiness.BeginShutdown();
            _ = DrainAsync(context.Signal);
        }
    }

    private async Task DrainAsync(PosixSignal signal)
    {
        var inFlight = gate.InFlight;
        Draining(logger, signal.ToString(), inFlight, (long)options.ShutdownGrace.TotalSeconds);
        var deadline = DateTime.UtcNow + options.ShutdownGrace;
        while (gate.InFlight > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        if (gate.InFlight > 0)
        {
            GraceExceeded(logger, gate.InFlight);
        }

        application.StopApplication();
    }

    [LoggerMessage(900, LogLevel.Information, "{Signal}: not ready any more; waiting for {InFlight} request(s) for up to {Seconds} s")]
    private static partial void Draining(ILogger logger, string signal, int inFlight, long seconds);

    [LoggerMessage(901, LogLevel.Warning, "shutdown grace period over with {InFlight} request(s) unfinished")]
    private static partial void GraceExceeded(ILogger logger, int inFlight);
}
