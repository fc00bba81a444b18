using MultiNet.Plugin.Tests.Integration;

namespace MultiNet.Plugin.Tests.Security;

/// <summary>A thin-mode harness on the security suite's subnets (198.18.176.0/24 cluster, 198.18.177.0/24 macvlan) and "mnf" links.</summary>
internal static class SecurityHarness
{
    public static Task<ThinModeHarness> StartAsync() => ThinModeHarness.StartAsync("198.18.176.0/24", "f");
}
