using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Logging;
using MultiNet.Cni.Build;
using MultiNet.Cni.Protocol;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Logging;
using MultiNet.Controller.Serving;
using MultiNet.Kubernetes.Api;

namespace MultiNet.Controller;

/// <summary>multinet-controller entry point: exit 0 after a clean stop, 2 on a usage error, 1 when it cannot start.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.Out.WriteLine(ControllerOptionsParser.Usage);
            return 0;
        }

        if (args is ["--version"])
        {
            Console.Out.WriteLine(BuildInfo.VersionLine("multinet-controller"));
            return 0;
        }

        ControllerOptions options;
        try
        {
            options = ControllerOptionsParser.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"multinet-controller: {e.Message}\n\n{ControllerOptionsParser.Usage}");
            return 2;
        }

        WebApplication app;
        try
        {
            app = ControllerApp.Build(options, KubernetesApiAccess.CreateClient(options.Kubeconfig), options.LogFormat == LogFormat.Json
                ? logging => logging.AddProvider(new LineLoggerProvider(LogFormat.Json, Console.Error, file: null))
                : null);
            await app.StartAsync();
        }
        catch (Exception e) when (e is CniException or InvalidOperationException or IOException or FormatException)
        {
            Console.Error.WriteLine($"multinet-controller: cannot start: {e.Message}");
            return 1;
        }

        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("multinet-controller").Listening(ControllerApp.Address(app).ToString());
        await app.WaitForShutdownAsync();
        return 0;
    }
}
