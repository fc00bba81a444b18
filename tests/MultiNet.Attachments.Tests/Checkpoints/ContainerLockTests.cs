using System.Diagnostics;
using FluentAssertions;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Tests.Checkpoints;

public sealed class ContainerLockTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mn-lock-" + Guid.NewGuid().ToString("N"));

    private CheckpointStore Store => new(_dir);

    [Fact]
    public async Task Acquire_WhileHeld_WaitsForTheReleaseThenGetsAFreshFile()
    {
        var first = await ContainerLock.AcquireAsync(Store, "c1", TimeSpan.FromSeconds(30), CancellationToken.None);

        var second = ContainerLock.AcquireAsync(Store, "c1", TimeSpan.FromSeconds(30), CancellationToken.None);
        await Task.Delay(200);
        second.IsCompleted.Should().BeFalse("the first holder has not released the container");
        ContainerLock.TryAcquire(Store, "c1").Should().BeNull("GC does not wait for a busy container");
        first.Dispose();
        using var held = await second;

        File.Exists(held.Path).Should().BeTrue("the waiter re-opened the file the first holder unlinked");
        ContainerLock.TryAcquire(Store, "c1").Should().BeNull();
    }

    [Fact]
    public async Task Dispose_RemovesTheLockFile_SoNothingIsLeftBetweenOperations()
    {
        var held = await ContainerLock.AcquireAsync(Store, "c1", TimeSpan.FromSeconds(30), CancellationToken.None);
        File.Exists(ContainerLock.PathFor(Store, "c1")).Should().BeTrue();
        ContainerLock.ListLockedIds(Store).Should().Equal("c1");

        held.Dispose();
        held.Dispose();

        Directory.EnumerateFileSystemEntries(_dir).Should().BeEmpty();
        ContainerLock.ListLockedIds(Store).Should().BeEmpty();
    }

    [Fact]
    public async Task Acquire_OtherContainers_DoNotWaitForEachOther()
    {
        using var a = await ContainerLock.AcquireAsync(Store, "c1", TimeSpan.FromSeconds(30), CancellationToken.None);
        using var b = ContainerLock.TryAcquire(Store, "c2");

        b.Should().NotBeNull();
    }

    [Fact]
    public async Task Acquire_HeldByAnotherProcess_GivesUpWithCode11NamingTheContainerAndLock()
    {
        Directory.CreateDirectory(_dir);
        var path = ContainerLock.PathFor(Store, "c1");
        // flock(1) is no party to the unlink-on-release protocol, so nothing here may take the lock before it has:
        // it says when it holds it.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--close", path, "sh", "-c", "echo locked; exec sleep 30"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            (await holder.StandardOutput.ReadLineAsync()).Should().Be("locked");

            var act = () => ContainerLock.AcquireAsync(Store, "c1", TimeSpan.FromMilliseconds(300), CancellationToken.None);

            var error = (await act.Should().ThrowAsync<CniException>()).Which;
            error.Code.Should().Be(CniErrorCode.TryAgainLater);
            error.Message.Should().Contain("container \"c1\"").And.Contain(path);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }

        // flock locks die with their holder.
        await WaitUntilAsync(() =>
        {
            using var after = ContainerLock.TryAcquire(Store, "c1");
            return after is not null;
        });
    }

    [Fact]
    public async Task Acquire_Cancelled_StopsWaiting()
    {
        using var first = await ContainerLock.AcquireAsync(Store, "c1", TimeSpan.FromSeconds(30), CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var act = () => ContainerLock.AcquireAsync(Store, "c1", TimeSpan.FromSeconds(30), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Acquire_DirectoryCannotBeCreated_Fails104NamingTheCheckpoint()
    {
        var parent = Path.Combine(_dir, "ro");
        Directory.CreateDirectory(parent);
        File.WriteAllText(Path.Combine(parent, "cni"), "a file where the directory should be");
        var store = new CheckpointStore(Path.Combine(parent, "cni"));

        var act = () => ContainerLock.AcquireAsync(store, "c1", TimeSpan.FromSeconds(1), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.Checkpoint);
        error.Message.Should().Contain($"checkpoint \"{store.PathFor("c1")}\"").And.Contain("cannot write its lock file");
    }

    [Fact]
    public void TryAcquire_NoDirectory_ReturnsNullWithoutCreatingIt()
    {
        ContainerLock.TryAcquire(Store, "c1").Should().BeNull();
        Directory.Exists(_dir).Should().BeFalse();
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 10 s");
            await Task.Delay(20);
        }
    }
}
