using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>Requests the shim never sends, and bad daemon configs: a clear error each, and the daemon keeps serving.</summary>
public sealed class ThickModeBadInputTests
{
    public static TheoryData<string, string, int, int, string> BadRequests => new()
    {
        // method, body, HTTP status, CNI code, text the message must contain
        { "POST", "{not json", 400, 6, "not valid JSON" },
        { "POST", "[1,2]", 400, 6, "expected a JSON object" },
        { "POST", """{"stdin":"e30="}""", 400, 6, "field \"env\"" },
        { "POST", """{"env":{"CNI_COMMAND":"ADD"},"stdin":"!!"}""", 400, 6, "field \"stdin\"" },
        { "POST", """{"env":{"CNI_COMMAND":"FROB"},"stdin":"e30="}""", 400, 4, "CNI_COMMAND" },
        { "POST", """{"env":{"CNI_COMMAND":"ADD","CNI_IFNAME":"eth0","CNI_NETNS":"/x"},"stdin":"e30="}""", 400, 4, "CNI_CONTAINERID" },
        { "POST", """{"env":{"CNI_COMMAND":"DEL","CNI_CONTAINERID":"c1","CNI_IFNAME":"eth0"},"stdin":"bm90IGpzb24="}""", 400, 6, "network config: invalid JSON" },
    };

    [RootTheory]
    [MemberData(nameof(BadRequests))]
    public async Task Cni_BadRequest_AnswersCniErrorAndKeepsServing(string method, string body, int status, int code, string text)
    {
        await using var h = await DaemonHarness.StartAsync();

        var (answerStatus, answer) = await SocketClient.SendAsync(h.SocketPath, method, "/cni", body);

        answerStatus.Should().Be(status, answer);
        var error = JsonNode.Parse(answer)!;
        error["code"]!.GetValue<int>().Should().Be(code, answer);
        ((string)error["msg"]!).Should().Contain(text);
        var pod = h.NewPod();
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 1);
        (await h.RunAsync("ADD", pod)).ExitCode.Should().Be(0, h.Logs);
        (await h.RunAsync("DEL", pod)).ExitCode.Should().Be(0);
        h.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Endpoints_WrongMethodOrPath_Answer405And404AndSocketIsRootOnly()
    {
        await using var h = await DaemonHarness.StartAsync();

        (await SocketClient.SendAsync(h.SocketPath, "GET", "/cni")).Status.Should().Be(405);
        (await SocketClient.SendAsync(h.SocketPath, "GET", "/nope")).Status.Should().Be(404);
        (await SocketClient.SendAsync(h.SocketPath, "GET", "/healthz")).Status.Should().Be(200);
        File.GetUnixFileMode(h.SocketDir).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(h.SocketPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public static TheoryData<string, string> BadConfigs => new()
    {
        { "{", "not valid JSON" },
        { """{"socketDir":"/tmp/x"}""", "field \"nodeName\"" },
        { """{"nodeName":"n","socketDir":"relative"}""", "field \"socketDir\"" },
        { """{"nodeName":"n","maxConcurrentRequests":0}""", "field \"maxConcurrentRequests\"" },
        { """{"nodeName":"n","podEvents":"some"}""", "field \"podEvents\"" },
        { """{"nodeName":"n","logLevel":7}""", "field \"logLevel\"" },
        { """{"nodeName":"n","logFormat":"xml"}""", "field \"logFormat\"" },
        { """{"nodeName":"n","logOptions":{"maxSize":"big"}}""", "logOptions.maxSize" },
        { """{"nodeName":"n","kubeconfig":"/nonexistent/kubeconfig"}""", "/nonexistent/kubeconfig" },
        { """{"nodeName":"n","chrootDir":"/nonexistent/hostroot"}""", "field \"chrootDir\": \"/nonexistent/hostroot\" does not exist" },
        // {dir}: the test's own folder, a root without the CNI bin directory.
        { """{"nodeName":"n","chrootDir":"{dir}"}""", "field \"chrootDir\": \"{dir}\" has no CNI bin directory \"/opt/cni/bin\"" },
        { """{"nodeName":"n","metricsAddress":"any:80"}""", "field \"metricsAddress\"" },
        // With chrootDir the bin folder is looked up in cniConfig.pluginKeys before that block is read: no crash there.
        { """{"nodeName":"n","chrootDir":"/","cniConfig":5}""", "cniConfig" },
        { """{"nodeName":"n","chrootDir":"/","cniConfig":{"pluginKeys":[]}}""", "pluginKeys" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task Start_BadConfig_ExitsWithCode2AndNamesTheProblem(string config, string text)
    {
        var dir = Directory.CreateTempSubdirectory("mnd-config-");
        try
        {
            var path = Path.Combine(dir.FullName, "daemon.json");
            await File.WriteAllTextAsync(path, config.Replace("{dir}", dir.FullName, StringComparison.Ordinal));
            using var daemon = DaemonProcess.Start("--config", path);

            (await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().BeTrue();

            daemon.ExitCode.Should().Be(2, daemon.Log);
            daemon.Log.Should().Contain(text.Replace("{dir}", dir.FullName, StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_UnknownArgument_ExitsWithCode2AndUsage()
    {
        using var daemon = DaemonProcess.Start("--frob");

        (await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().BeTrue();

        daemon.ExitCode.Should().Be(2);
        daemon.Log.Should().Contain("usage: multinetd");
    }
}
