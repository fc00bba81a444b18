using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Cluster;
using MultiNet.Controller.Admission;
using MultiNet.Controller.Caches;
using MultiNet.Controller.Certificates;
using MultiNet.Controller.Leadership;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Metrics;
using MultiNet.Controller.Reconcile;
using MultiNet.Kubernetes.Api;

namespace MultiNet.Controller.Serving;

/// <summary>Builds the controller: Kestrel over TLS with a reloading or self-managed certificate, the webhooks, health, metrics, the watches and the leader's work.</summary>
internal static class ControllerApp
{
    /// <summary>The webhook paths; any of them accepts any kind (the path only names the intent in the webhook configuration).</summary>
    public static readonly string[] WebhookPaths = ["/validate", "/validate/networkattachmentdefinitions", "/validate/pods"];

    /// <summary>Builds (not starts) the app talking to the API through <paramref name="client"/>; <paramref name="time"/> drives leases, certificates and back-offs.</summary>
    public static WebApplication Build(ControllerOptions options, IKubernetes client, Action<ILoggingBuilder>? logging = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        if (logging is not null)
        {
            builder.Logging.ClearProviders();
            logging(builder.Logging);
        }

        IServiceCollection services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.Rules);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(client);
        services.AddSingleton<NadCache>();
        services.AddSingleton<PodCache>();
        services.AddSingleton<CacheReadiness>();
        services.AddSingleton<ControllerMetrics>();
        services.AddSingleton(sp => new KubernetesApiAccess(client, sp.GetRequiredService<ILoggerFactory>().CreateLogger<KubernetesApiAccess>())
        {
            Component = "multinet-controller",
        });
        services.AddSingleton<INetworkDefinitionSource>(sp => sp.GetRequiredService<KubernetesApiAccess>());
        services.AddSingleton<IPodEventRecorder>(sp => sp.GetRequiredService<KubernetesApiAccess>());
        services.AddSingleton<NadFetcher>();
        services.AddSingleton<NadAdmission>();
        services.AddSingleton(sp => new PodAdmission(sp.GetRequiredService<NadCache>(), sp.GetRequiredService<NadFetcher>(), options));
        services.AddSingleton<AdmissionEndpoint>();
        services.AddHostedService<CacheWatchService>();
        AddCertificates(services, options, client);
        if (options.PodEvents)
        {
            services.AddSingleton<PodEventReconciler>();
            services.AddSingleton<ILeaderTask>(sp => sp.GetRequiredService<PodEventReconciler>());
        }

        services.AddSingleton(options.LeaderElection);
        services.AddSingleton<ILeaseStore>(new KubernetesLeaseStore(client, options.Namespace, options.LeaderElection.LeaseName));
        services.AddSingleton<LeaseElector>();
        services.AddSingleton<LeaderElectionService>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElectionService>());

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AdmissionEndpoint.MaxBodyBytes;
            IPAddress address = IPAddress.Parse(options.BindAddress);
            kestrel.Listen(address, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    IServingCertificate certificates = kestrel.ApplicationServices.GetRequiredService<IServingCertificate>();
                    https.ServerCertificateSelector = (_, _) => certificates.Current;
                });
            });
        });

        WebApplication app = builder.Build();
        var metrics = app.Services.GetRequiredService<ControllerMetrics>();
        IServingCertificate serving = app.Services.GetRequiredService<IServingCertificate>();
        serving.Reloaded += _ => metrics.CertificateReloads.Inc();
        AdmissionEndpoint endpoint = app.Services.GetRequiredService<AdmissionEndpoint>();
        foreach (string path in WebhookPaths)
        {
            app.MapPost(path, endpoint.HandleAsync);
        }

        CacheReadiness readiness = app.Services.GetRequiredService<CacheReadiness>();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => (readiness.IsReady, serving.Current is not null) switch
        {
            (true, true) => Results.Text("ok\n"),
            (false, _) => Results.Text("caches not synced yet\n", statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => Results.Text("no serving certificate yet (waiting for the leader to write the Secret)\n", statusCode: StatusCodes.Status503ServiceUnavailable),
        });
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }

    // Files (cert-manager, hand-made) reloaded on change, or the controller's own CA and certificate in a Secret.
    private static void AddCertificates(IServiceCollection services, ControllerOptions options, IKubernetes client)
    {
        if (!options.SelfManagedCertificates)
        {
            services.AddSingleton<IServingCertificate>(sp => new CertificateReloader(options.CertificateFile!, options.PrivateKeyFile!, options.CertificateCheckInterval,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CertificateReloader>>()));
            return;
        }

        SelfManagedCertificateOptions certificates = options.Certificates;
        services.AddSingleton(certificates);
        services.AddSingleton<ISecretStore>(new KubernetesSecretStore(client, options.Namespace, certificates.SecretName));
        services.AddSingleton<IWebhookCaBundle>(new KubernetesWebhookCaBundle(client, certificates.WebhookConfigurationName));
        services.AddSingleton(sp => new SecretCertificateSource(sp.GetRequiredService<ISecretStore>(), sp.GetRequiredService<IWebhookCaBundle>(),
            options.CertificateCheckInterval, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SecretCertificateSource>>()));
        services.AddSingleton<IServingCertificate>(sp => sp.GetRequiredService<SecretCertificateSource>());
        services.AddHostedService(sp => sp.GetRequiredService<SecretCertificateSource>());
        services.AddSingleton(sp => new CertificateRotation(sp.GetRequiredService<ISecretStore>(), sp.GetRequiredService<IWebhookCaBundle>(), certificates,
            CertificateRotation.ServiceNames(certificates.ServiceName, options.Namespace), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CertificateRotation>>()));
        services.AddSingleton<ILeaderTask, CertificateRotationTask>();
    }

    /// <summary>The address Kestrel listens on after start (with the port it picked for port 0).</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
