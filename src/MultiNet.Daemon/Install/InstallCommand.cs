using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MultiNet.Daemon.CniConfig;
using MultiNet.KubeApi;

namespace MultiNet.Daemon.Install;

/// <summary><c>multinetd install</c>: puts MultiNet on the node (see <see cref="InstallArguments.Usage"/>).</summary>
internal static class InstallCommand
{
    /// <summary>
    /// Runs the subcommand with <paramref name="args"/> (the arguments after "install"); SIGTERM and SIGINT stop it
    /// like <paramref name="cancellationToken"/>. Returns 0 done or stopped, 1 failed, 2 bad arguments.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        }).AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        return await RunAsync(args, loggerFactory.CreateLogger("multinetd.install"), Console.Out, Environment.GetEnvironmentVariable, stop.Token)
            .ConfigureAwait(false);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>As <see cref="RunAsync(string[], CancellationToken)"/> with the log, the output and the environment given (tests).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, ILogger logger, TextWriter output, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        InstallOptions options;
        try
        {
            options = InstallArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            InstallLog.Failed(logger, $"{e.Message} (see multinetd install --help)");
            return 2;
        }

        if (options.ShowHelp)
        {
            await output.WriteLineAsync(InstallArguments.Usage).ConfigureAwait(false);
            return 0;
        }

        if (options.Check)
        {
            var problem = InstallCheck.Problem(options);
            await output.WriteLineAsync(problem is null ? "install: in place" : $"install: not in place: {problem}").ConfigureAwait(false);
            return problem is null ? 0 : 1;
        }

        try
        {
            return await InstallAsync(options, logger, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
        {
            InstallLog.Failed(logger, e.Message);
            return 1;
        }
    }

    private static async Task<int> InstallAsync(
        InstallOptions options, ILogger logger, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var target = Path.Combine(options.CniBinDir, Path.GetFileName(options.SourceBinary));
        var check = new HostBinaryCheck(options.HostRoot, Environment.ProcessPath ?? "/proc/self/exe");
        if (BinaryInstaller.Install(options.SourceBinary, options.CniBinDir, name: null, check))
        {
            InstallLog.Copied(logger, options.SourceBinary, target);
        }
        else
        {
            InstallLog.AlreadyCurrent(logger, target);
        }

        if (options.Mode == CniConfigMode.Thick)
        {
            return 0;
        }

        var refresher = new KubeconfigRefresher(options.EffectiveKubeconfigPath, options.ServiceAccountDir, environment, logger)
        {
            RefreshInterval = options.RescanInterval,
        };
        refresher.Refresh();
        using var manager = new CniConfigManager(options.ToCniConfigOptions(), logger, UninstallSignal(options, environment, logger));
        if (options.Once)
        {
            if (!manager.Reconcile())
            {
                InstallLog.ConfigNotReady(logger, manager.NotReadyReason ?? "unknown");
            }

            return 0;
        }

        InstallLog.Running(logger, "thin", manager.OutputPath);
        await Task.WhenAll(refresher.RunAsync(cancellationToken), manager.RunAsync(cancellationToken)).ConfigureAwait(false);
        return 0;
    }

    private static DaemonSetUninstallProbe? UninstallSignal(InstallOptions options, Func<string, string?> environment, ILogger logger) =>
        options.Removal == ConfigRemoval.OnUninstall && InClusterEndpoint.TryLoad(environment, options.ServiceAccountDir) is { } endpoint
            ? DaemonSetUninstallProbe.FromEnvironment(endpoint, environment, logger)
            : null;
}
