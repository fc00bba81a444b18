using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using MultiNet.Testing;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>metricsAddress: /metrics, /healthz and /readyz over TCP for Prometheus and kubelet probes; /cni never.</summary>
public sealed class ThickModeMetricsListenerTests
{
    [RootFact]
    public async Task MetricsAddress_Set_ServesMetricsAndProbesButNotCni()
    {
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        var port = FreePort();
        h.DaemonConfig["metricsAddress"] = $"127.0.0.1:{port}";
        await h.StartDaemonAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var healthz = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var readyz = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var body = new StringContent("""{"env":{"CNI_COMMAND":"VERSION"},"stdin":"e30="}""");
        var cni = await http.PostAsync(new Uri("/cni", UriKind.Relative), body);

        metrics.StatusCode.Should().Be(HttpStatusCode.OK);
        (await metrics.Content.ReadAsStringAsync()).Should().Contain("multinetd_ready 1\n");
        healthz.StatusCode.Should().Be(HttpStatusCode.OK);
        readyz.StatusCode.Should().Be(HttpStatusCode.OK);
        cni.StatusCode.Should().Be(HttpStatusCode.NotFound, "CNI requests come only through the root-only unix socket");
    }

    [RootTheory]
    [InlineData("0.0.0.0")]
    [InlineData("[::]")]
    public async Task MetricsAddress_Any_ServesBothAddressFamilies(string any)
    {
        // kubelet probes a hostNetwork pod on the node's address: IPv6 on an IPv6 node, IPv4 on an IPv4 one.
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        var port = FreePort();
        h.DaemonConfig["metricsAddress"] = $"{any}:{port}";
        await h.StartDaemonAsync();
        using var http = new HttpClient();

        var v4 = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
        var v6 = await http.GetAsync(new Uri($"http://[::1]:{port}/healthz"));

        v4.StatusCode.Should().Be(HttpStatusCode.OK);
        v6.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [RootFact]
    public async Task MetricsAddress_NotSet_ListensOnNoTcpPort()
    {
        await using var h = await DaemonHarness.StartAsync();

        var listening = File.ReadAllLines("/proc/net/tcp").Concat(File.ReadAllLines("/proc/net/tcp6"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[3] == "0A")
            .Select(f => f[9])
            .ToHashSet();
        var daemonSockets = Directory.EnumerateFileSystemEntries($"/proc/{h.Daemon!.Pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget ?? "")
            .Where(target => target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target["socket:[".Length..^1]);

        daemonSockets.Should().NotIntersectWith(listening, "the TCP listener is off by default");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
