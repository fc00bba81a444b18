using FluentAssertions;
using MultiNet.Daemon.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.Daemon.Tests.Security;

/// <summary>
/// multinetd's bearer token (inline in its kubeconfig, or a token file as a service account's) never reaches its log at
/// debug level, the shim's log or what the runtime sees: across ADD, DEL, an API 401, an API 500 and a failed ADD.
/// </summary>
public sealed class ThickModeTokenLeakTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddDelAndApiErrors_DebugLogging_NeverWriteTheToken(bool tokenFile)
    {
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        h.DaemonConfig["logLevel"] = "debug";
        if (tokenFile)
        {
            UseTokenFile(h);
        }

        await h.StartDaemonAsync();
        h.AddMacvlanNad();
        var pod = h.NewPod("macvlan-a");
        var unauthorized = h.NewPod("not-cached");
        var failing = h.NewPod("macvlan-a");
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 3);
        var outputs = new List<string>();

        var add = await h.RunAsync("ADD", pod);
        add.ExitCode.Should().Be(0, add.Stdout + h.Logs);
        outputs.Add(add.Stdout + add.Stderr);
        outputs.Add(Text(await h.RunAsync("DEL", pod)));

        // The NAD is not cached, so the daemon asks the API live, and the API refuses the credential.
        h.Api.InjectFault(r => r.Resource == "network-attachment-definitions" && r.Verb == "get" ? Fault.Status(401, "Unauthorized") : null);
        var refused = await h.RunAsync("ADD", unauthorized);
        h.Api.ClearFaults();
        // The status write fails with 500 after the delegates ran: the ADD rolls back and fails.
        h.Api.InjectFault(r => r.Method == "PATCH" ? Fault.Status(500, "etcdserver: request timed out") : null);
        var failed = await h.RunAsync("ADD", failing);
        h.Api.ClearFaults();
        outputs.Add(Text(refused));
        outputs.Add(Text(failed));
        outputs.Add(Text(await h.RunAsync("DEL", unauthorized)));
        outputs.Add(Text(await h.RunAsync("DEL", failing)));

        refused.ExitCode.Should().NotBe(0, refused.Stdout);
        failed.ExitCode.Should().NotBe(0, failed.Stdout);
        h.Daemon!.Log.Should().Contain("401 Unauthorized").And.Contain("500 InternalError", "the error paths ran and were logged");
        h.Daemon.Log.Should().Contain("dbug:", "the daemon logs at debug level");
        foreach (var text in outputs.Append(h.Daemon.Log).Append(h.ShimLog))
        {
            text.Should().NotContain(h.Api.Token).And.NotContain("Bearer ");
        }

        h.AssertNothingLeaked();
    }

    private static void UseTokenFile(DaemonHarness h)
    {
        var kubeconfig = (string)h.DaemonConfig["kubeconfig"]!;
        var token = Path.Combine(h.Node.Root, "sa-token");
        File.WriteAllText(token, h.Api.Token + "\n");
        var text = File.ReadAllText(kubeconfig);
        text.Should().Contain($"token: {h.Api.Token}");
        File.WriteAllText(kubeconfig, text.Replace($"token: {h.Api.Token}", $"tokenFile: {token}", StringComparison.Ordinal));
    }

    private static string Text(MultiNet.Testing.Node.PluginProcess.Outcome outcome) => outcome.Stdout + "\n" + outcome.Stderr;
}
