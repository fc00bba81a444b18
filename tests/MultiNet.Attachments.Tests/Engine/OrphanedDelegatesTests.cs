using System.Diagnostics;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Attachments.Execution;
using MultiNet.Cni.Invocation;

namespace MultiNet.Attachments.Tests.Engine;

public sealed class OrphanedDelegatesTests
{
    [Fact]
    public async Task Wait_OrphanOutlivesTheLimit_IsKilledAndGoneWhenItReturns()
    {
        var id = $"orph-{Guid.NewGuid():N}";
        using var orphan = Start(id, "30");
        try
        {
            await OrphanedDelegates.WaitAsync(id, TimeSpan.FromMilliseconds(300), NullLogger.Instance, CancellationToken.None);

            orphan.HasExited.Should().BeTrue("it ran past the delegate timeout the dead process would have enforced");
        }
        finally
        {
            if (!orphan.HasExited)
            {
                orphan.Kill();
            }
        }
    }

    [Fact]
    public async Task Wait_OrphanFinishesOnItsOwn_WaitsForItWithoutKilling()
    {
        var id = $"orph-{Guid.NewGuid():N}";
        using var orphan = Start(id, "0.3");

        await OrphanedDelegates.WaitAsync(id, TimeSpan.FromSeconds(20), NullLogger.Instance, CancellationToken.None);

        orphan.HasExited.Should().BeTrue();
        orphan.ExitCode.Should().Be(0, "it finished its sleep instead of being killed");
    }

    [Fact]
    public async Task Wait_AnotherContainersDelegate_IsNotWaitedForEvenWithACommonPrefix()
    {
        var id = $"orph-{Guid.NewGuid():N}";
        using var other = Start(id + "x", "30");
        try
        {
            var wait = OrphanedDelegates.WaitAsync(id, TimeSpan.FromSeconds(20), NullLogger.Instance, CancellationToken.None);

            (await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(wait);
            other.HasExited.Should().BeFalse();
        }
        finally
        {
            other.Kill();
        }
    }

    private static Process Start(string containerId, string seconds)
    {
        var info = new ProcessStartInfo("sleep", seconds) { UseShellExecute = false };
        info.Environment[PluginProcessRunner.ContainerMarkerVariable] = containerId;
        return Process.Start(info)!;
    }
}
