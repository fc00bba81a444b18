using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Support;

/// <summary>A controller shared by a test class, with a few NADs in the stand-in (namespaceIsolation on).</summary>
public sealed class SeededController : IAsyncLifetime
{
    public const string Bridge = """{"cniVersion":"1.0.0","type":"bridge","ipam":{"type":"host-local","subnet":"198.19.64.0/24"}}""";
    public const string WithCapabilities =
        """{"cniVersion":"1.0.0","name":"caps","plugins":[{"type":"macvlan","capabilities":{"ips":true,"mac":true},"ipam":{"type":"static"}},{"type":"portmap","capabilities":{"portMappings":true}}]}""";

    internal ControllerHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harness = await ControllerHarness.StartAsync(Seed, o => o with { Rules = o.Rules with { NamespaceIsolation = true } });
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();

    private static void Seed(KubeApiStandIn api)
    {
        api.AddNad("app", "net-a", Bridge);
        api.AddNad("app", "caps", WithCapabilities);
        api.AddNad("app", "on-node", config: null);
        api.AddNad("default", "shared", Bridge);
        api.AddNad("other", "private", Bridge);
        api.AddNad("kube-system", "cluster-b", Bridge);
    }
}
