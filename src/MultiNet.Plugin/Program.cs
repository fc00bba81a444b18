using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Build;
using MultiNet.Cni.Protocol;
using MultiNet.Plugin.Logging;

namespace MultiNet.Plugin;

/// <summary>
/// The <c>multinet</c> CNI plugin. stdout carries only the CNI result or error JSON; logs go to logFile/stderr.
/// Wired by hand: it must start in milliseconds. A runtime passes no arguments; <c>multinet --version</c> is for people.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--version"])
        {
            Console.Out.WriteLine(BuildInfo.VersionLine("multinet"));
            return 0;
        }

        var version = "1.1.0";
        PluginLogger? logger = null;
        try
        {
            // stdin first, so that even an environment error answers in the config's cniVersion.
            var stdin = ReadStdin();
            version = ConfigVersionReader.TryRead(stdin) is { } requested && CniVersions.IsSupported(requested) ? requested : version;
            var env = CniEnvironment.Parse(Environment.GetEnvironmentVariable);
            if (env.Command == CniCommand.Version)
            {
                Console.Out.Write(VersionInfo.ToJson(version));
                return 0;
            }

            var config = MultiNetConfigParser.Parse(stdin);
            version = config.CniVersion;
            logger = new PluginLogger(PluginLogger.LevelOf(config.LogLevel), config.LogFile, config.LogOptions, config.LogToStderr,
                config.LogFormat, CniCommandNames.ToWire(env.Command), env.ContainerId ?? "");
            var output = await new PluginCommand(env, config, stdin, logger).RunAsync(CancellationToken.None).ConfigureAwait(false);
            if (output is not null)
            {
                Console.Out.Write(output);
            }

            return 0;
        }
        catch (CniException e)
        {
            logger?.LogError("{Message}{Details}", e.Message, e.Details is null ? "" : $" ({e.Details})");
            Console.Out.Write(CniErrorWriter.ToJson(e, version));
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never a stack trace as the only output: the runtime gets a CNI error, the log gets the trace.
            logger?.LogCritical(e, "unexpected failure");
            Console.Out.Write(CniErrorWriter.ToJson(new CniException(CniErrorCode.Internal, $"internal error: {e.Message}", e.GetType().Name), version));
            return 1;
        }
        finally
        {
            logger?.Dispose();
        }
    }

    private static byte[] ReadStdin()
    {
        try
        {
            using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new CniException(CniErrorCode.IoFailure, $"stdin: cannot read the network config: {e.Message}");
        }
    }
}
