using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Forwarding;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>
/// One multinetd for the whole socket corpus (started once per test class): the cases only talk to its socket, so
/// sharing it keeps the suite fast and proves that a daemon survives every case in a row.
/// </summary>
public sealed class ThickModeSocketCorpusFixture : IAsyncLifetime
{
    // Not "fail:" alone: the engine logs a failed delegate at Error level, on purpose. These mean a failure nobody handled.
    private static readonly string[] FailureMarks = ["crit:", "fail: Microsoft", "Unhandled", "unexpected failure", "\n   at "];
    private readonly Lock _checked = new();
    private DaemonHarness? _harness;
    private int _logChecked;
    private int _nextContainer;

    internal DaemonHarness Harness => _harness ?? throw new InvalidOperationException("the fixture is not started");

    internal string SocketPath => Harness.SocketPath;

    public async Task InitializeAsync() => _harness = await DaemonHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>A valid ADD (or <paramref name="command"/>) environment for this node's netns, with a container id of its own and no pod.</summary>
    internal Dictionary<string, string> Env(string command = "ADD") => new(StringComparer.Ordinal)
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = $"corpus-{Harness.RunId}-{Interlocked.Increment(ref _nextContainer)}",
        ["CNI_NETNS"] = Harness.Node.NetnsPath,
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = RepoLayout.ReferencePlugins,
    };

    /// <summary>The network config the shim would forward (cluster network: bridge + host-local in this test's directories).</summary>
    internal JsonObject Config() => JsonNode.Parse(Harness.ShimConfig())!.AsObject();

    /// <summary>The body exactly as the shim writes it.</summary>
    internal static string Body(IReadOnlyDictionary<string, string> env, string stdin) =>
        Encoding.UTF8.GetString(new ForwardedCniRequest(env, Encoding.UTF8.GetBytes(stdin)).ToJson());

    /// <summary>Open file descriptors of the daemon (sockets included).</summary>
    internal int DaemonFileDescriptors() => Directory.GetFiles($"/proc/{Harness.Daemon!.Pid}/fd").Length;

    /// <summary>The daemon still runs and is ready, logged no unexpected failure, and nothing is left in the netns, lease or checkpoint directories.</summary>
    internal async Task AssertHealthyAsync()
    {
        var daemon = Harness.Daemon!;
        daemon.HasExited.Should().BeFalse(Harness.Logs);
        (await SocketClient.ReadyStatusAsync(SocketPath)).Should().Be(200, Harness.Logs);
        string log;
        lock (_checked)
        {
            // Only what was logged since the last check: a failure points at the request that caused it.
            var whole = daemon.Log;
            (log, _logChecked) = (whole[_logChecked..], whole.Length);
        }

        foreach (var mark in FailureMarks)
        {
            log.Should().NotContain(mark, "a bad request is an expected outcome, never an unhandled failure");
        }

        Harness.Node.AssertNothingLeaked();
    }
}
