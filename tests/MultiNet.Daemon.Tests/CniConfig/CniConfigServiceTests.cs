using FluentAssertions;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.CniConfig;

public sealed class CniConfigServiceTests : IDisposable
{
    private readonly NodeFolders _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task StartStop_AsAHostedService_WritesThenRemovesTheConfig()
    {
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        using var manager = new CniConfigManager(_node.Options() with { RescanInterval = TimeSpan.FromMinutes(10) });
        using var service = new CniConfigService(manager);

        await service.StartAsync(CancellationToken.None);
        (await Poll.UntilAsync(() => manager.NotReadyReason is null)).Should().BeTrue();
        File.Exists(_node.Generated).Should().BeTrue();

        await service.StopAsync(CancellationToken.None);

        File.Exists(_node.Generated).Should().BeFalse();
        manager.NotReadyReason.Should().Be("stopped");
    }
}
