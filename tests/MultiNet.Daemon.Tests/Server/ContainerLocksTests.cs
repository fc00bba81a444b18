using FluentAssertions;
using MultiNet.Daemon.Server;

namespace MultiNet.Daemon.Tests.Server;

public sealed class ContainerLocksTests
{
    [Fact]
    public async Task AcquireAsync_SameContainer_WaitsForTheHolder()
    {
        var locks = new ContainerLocks();
        var first = await locks.AcquireAsync("ctr-1", CancellationToken.None);

        var second = locks.AcquireAsync("ctr-1", CancellationToken.None);
        await Task.Delay(50);

        second.IsCompleted.Should().BeFalse();
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        locks.Count.Should().Be(0, "an entry lives only while held or awaited");
    }

    [Fact]
    public async Task AcquireAsync_OtherContainer_DoesNotWait()
    {
        var locks = new ContainerLocks();
        using var first = await locks.AcquireAsync("ctr-1", CancellationToken.None);

        var other = locks.AcquireAsync("ctr-2", CancellationToken.None);

        other.IsCompletedSuccessfully.Should().BeTrue();
        (await other).Dispose();
        locks.Count.Should().Be(1);
    }

    [Fact]
    public async Task AcquireAsync_ManyConcurrentOnOneContainer_NeverOverlap()
    {
        var locks = new ContainerLocks();
        var inside = 0;
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var held = await locks.AcquireAsync("ctr", CancellationToken.None);
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inside);
        }));

        overlaps.Should().Be(0);
        locks.Count.Should().Be(0);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ForgetsTheWaiter()
    {
        var locks = new ContainerLocks();
        var held = await locks.AcquireAsync("ctr", CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("ctr", cts.Token);

        await cts.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        held.Dispose();
        locks.Count.Should().Be(0);
    }
}
