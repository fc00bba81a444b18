using FluentAssertions;
using MultiNet.Daemon.Server;

namespace MultiNet.Daemon.Tests.Server;

public sealed class RequestGateTests
{
    [Fact]
    public async Task EnterAsync_SlotsAndQueueFull_RefusesAtOnceAndAdmitsAgainAfterRelease()
    {
        using var gate = new RequestGate(maxConcurrent: 1, maxQueued: 1);
        var running = await gate.EnterAsync(CancellationToken.None);
        var queued = gate.EnterAsync(CancellationToken.None);

        var refused = await gate.EnterAsync(CancellationToken.None);

        running.Should().NotBeNull();
        queued.IsCompleted.Should().BeFalse("the only slot is taken");
        refused.Should().BeNull("one running and one queued is the limit");
        (gate.Running, gate.Queued, gate.InFlight).Should().Be((1, 1, 2));
        running!.Dispose();
        using var second = await queued.WaitAsync(TimeSpan.FromSeconds(5));
        second.Should().NotBeNull();
        (gate.Running, gate.Queued).Should().Be((1, 0));
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileQueued_LeavesTheQueue()
    {
        using var gate = new RequestGate(1, 5);
        using var running = await gate.EnterAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var queued = gate.EnterAsync(cts.Token);

        await cts.CancelAsync();

        await FluentActions.Awaiting(() => queued).Should().ThrowAsync<OperationCanceledException>();
        gate.InFlight.Should().Be(1);
    }

    [Fact]
    public async Task Lease_DisposedTwice_ReleasesOnce()
    {
        using var gate = new RequestGate(2, 0);
        var lease = await gate.EnterAsync(CancellationToken.None);

        lease!.Dispose();
        lease.Dispose();

        gate.InFlight.Should().Be(0);
        (await gate.EnterAsync(CancellationToken.None)).Should().NotBeNull();
        (await gate.EnterAsync(CancellationToken.None)).Should().NotBeNull();
        (await gate.EnterAsync(CancellationToken.None)).Should().BeNull("a double dispose must not have freed a third slot");
    }
}
