using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.Daemon.Server;

namespace MultiNet.Daemon.Tests.Server;

public sealed class DaemonReadinessTests
{
    [Fact]
    public void Refusal_CheckFailing_RefusesAddButServesDel()
    {
        var readiness = new DaemonReadiness();
        readiness.Add(() => null);
        readiness.Add(() => "the pod cache has not synced yet");

        readiness.NotReady().Should().Be("the pod cache has not synced yet");
        readiness.Refusal(CniCommand.Add).Should().Be("the pod cache has not synced yet");
        readiness.Refusal(CniCommand.Status).Should().NotBeNull();
        readiness.Refusal(CniCommand.Del).Should().BeNull("DEL works from the checkpoint, no cache needed");
    }

    [Fact]
    public void Refusal_AfterShutdownBegins_RefusesEverythingEvenWhenChecksPass()
    {
        var readiness = new DaemonReadiness();
        readiness.Add(() => null);
        readiness.NotReady().Should().BeNull();

        readiness.BeginShutdown();

        readiness.NotReady().Should().Be("multinetd is shutting down");
        readiness.Refusal(CniCommand.Del).Should().Be("multinetd is shutting down", "the shim then deletes by itself");
    }
}
