using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Config;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;
using MultiNet.Cni.Tests.Support;

namespace MultiNet.Cni.Tests.Invocation;

public sealed class ConflistRunnerTests : IDisposable
{
    private const string ResultA = """{"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"/var/run/netns/t"}],"ips":[{"interface":0,"address":"10.9.0.2/24"}]}""";
    private const string ResultC = """{"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"/var/run/netns/t"}],"ips":[{"interface":0,"address":"10.9.0.2/24"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.9.0.1"}]}""";

    private readonly ScriptPlugins _plugins = new();
    private readonly StringWriter _stderr = new();
    private readonly ConflistRunner _runner;

    public ConflistRunnerTests() => _runner = new ConflistRunner(new PluginProcessRunner(_stderr));

    public void Dispose()
    {
        _plugins.Dispose();
        _stderr.Dispose();
    }

    private DelegateInvocation Inv => new()
    {
        ContainerId = "ctr1",
        NetNs = "/var/run/netns/t",
        IfName = "net1",
        PluginDirs = [_plugins.Dir],
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static NetworkConfigList List(string version, params string[] types) => NetworkConfigList.Parse(
        new JsonObject
        {
            ["cniVersion"] = version,
            ["name"] = "testnet",
            ["plugins"] = new JsonArray([.. types.Select(t => (JsonNode)new JsonObject { ["type"] = t, ["capabilities"] = new JsonObject { [$"{t}-cap"] = true } })]),
        });

    private IEnumerable<string> Sequence() => _plugins.Calls().Select(c => $"{c.Command} {c.Type}");

    [Fact]
    public async Task AddAsync_ChainsPrevResultAndReturnsTheLast()
    {
        _plugins.AddRecorder("a", ResultA);
        _plugins.AddRecorder("b");
        _plugins.AddRecorder("c", ResultC);
        var caps = new Dictionary<string, JsonNode?> { ["b-cap"] = "for-b", ["z-cap"] = "nobody" };

        var result = await _runner.AddAsync(List("1.0.0", "a", "b", "c"), Inv, caps, CancellationToken.None);

        result.Routes.Should().ContainSingle().Which.Gw.Should().Be("10.9.0.1");
        var calls = _plugins.Calls();
        Sequence().Should().Equal("ADD a", "ADD b", "ADD c");
        calls[0].Config.ContainsKey("prevResult").Should().BeFalse();
        JsonNode.DeepEquals(calls[1].Config["prevResult"], JsonNode.Parse(ResultA)).Should().BeTrue();
        JsonNode.DeepEquals(calls[2].Config["prevResult"], JsonNode.Parse(ResultA)).Should().BeTrue("b printed nothing, so a's result stands");
        calls.Should().OnlyContain(c => c.Config["name"]!.GetValue<string>() == "testnet" && c.Config["cniVersion"]!.GetValue<string>() == "1.0.0");
        calls[1].Config["runtimeConfig"]!.ToJsonString().Should().Be("""{"b-cap":"for-b"}""");
        calls[0].Config.ContainsKey("runtimeConfig").Should().BeFalse();
        calls.Select(c => c.Env["CNI_IFNAME"]).Should().AllBe("net1");
    }

    [Fact]
    public async Task AddAsync_NothingPrinted_ReturnsEmptyResultInListVersion()
    {
        _plugins.AddRecorder("a");

        var result = await _runner.AddAsync(List("0.4.0", "a"), Inv, null, CancellationToken.None);

        result.CniVersion.Should().Be("0.4.0");
        result.Ips.Should().BeEmpty();
    }

    [Fact]
    public async Task AddAsync_PluginFails_DeletesCalledPluginsInReverseAndThrowsTheOriginal()
    {
        _plugins.AddRecorder("a", ResultA);
        _plugins.AddRecorder("b", failOn: "ADD");
        _plugins.AddRecorder("c", ResultC);

        var act = () => _runner.AddAsync(List("1.0.0", "a", "b", "c"), Inv, null, CancellationToken.None);

        var e = (await act.Should().ThrowAsync<CniException>()).Which;
        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Be("plugin \"b\" (2 of 3) ADD: b refuses ADD");
        Sequence().Should().Equal("ADD a", "ADD b", "DEL b", "DEL a");
        _plugins.Calls()[3].Config["prevResult"].Should().NotBeNull("the rollback DEL gets the result so far");
    }

    [Fact]
    public async Task AddAsync_RollbackErrors_AreIgnored()
    {
        _plugins.AddRecorder("a", ResultA, failOn: "DEL");
        _plugins.Add("b", "echo '{\"code\":11,\"msg\":\"try later\"}'; exit 1");

        var act = () => _runner.AddAsync(List("1.0.0", "a", "b"), Inv, null, CancellationToken.None);

        var e = (await act.Should().ThrowAsync<CniException>()).Which;
        e.Code.Should().Be(CniErrorCode.TryAgainLater);
        e.IsTransient.Should().BeTrue();
        Sequence().Should().Equal("ADD a", "DEL a");
    }

    [Fact]
    public async Task AddAsync_GarbageResult_IsDelegateFailedNamingThePlugin()
    {
        _plugins.Add("garbage", "echo 'hello from a broken plugin'");

        var act = () => _runner.AddAsync(List("1.0.0", "garbage"), Inv, null, CancellationToken.None);

        var e = (await act.Should().ThrowAsync<CniException>()).Which;
        e.Code.Should().Be(CniErrorCode.DelegateFailed);
        e.Message.Should().StartWith("plugin \"garbage\" (1 of 1) ADD: printed an invalid result: ");
        e.Details.Should().Be("hello from a broken plugin");
    }

    [Fact]
    public async Task AddAsync_TypeThatEscapesThePluginDir_IsRefused()
    {
        _plugins.AddRecorder("x");
        var list = List("1.0.0", "x") with { Plugins = [new JsonObject { ["type"] = "../x" }] };

        var act = () => _runner.AddAsync(list, Inv with { PluginDirs = [Path.Combine(_plugins.Dir, "sub")] }, null, CancellationToken.None);

        var e = (await act.Should().ThrowAsync<CniException>()).Which;
        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Contain("\"type\"").And.Contain("\"../x\"");
        _plugins.Calls().Should().BeEmpty();
    }

    [Fact]
    public async Task AddAsync_HangingPlugin_TimesOutAndIsRolledBack()
    {
        _plugins.Add("hang", "if [ \"$CNI_COMMAND\" = ADD ]; then exec sleep 300; fi; echo \"$CNI_COMMAND\" >> '" + _plugins.Log + ".hang'");

        var act = () => _runner.AddAsync(List("1.0.0", "hang"), Inv with { Timeout = TimeSpan.FromSeconds(1) }, null, CancellationToken.None);

        var e = (await act.Should().ThrowAsync<CniException>()).Which;
        e.Code.Should().Be(CniErrorCode.DelegateFailed);
        e.Message.Should().StartWith("plugin \"hang\" (1 of 1) ADD: timed out after 1s");
        File.ReadAllText(_plugins.Log + ".hang").Trim().Should().Be("DEL");
    }

    [Theory]
    [InlineData("0.4.0", true)]
    [InlineData("1.0.0", true)]
    [InlineData("0.3.1", false)]
    [InlineData("0.2.0", false)]
    public async Task DelAsync_ReverseOrder_PrevResultFrom040(string version, bool expectPrevResult)
    {
        _plugins.AddRecorder("a");
        _plugins.AddRecorder("b");
        var prev = ResultConverter.Parse(JsonNode.Parse(ResultC), "1.0.0");

        await _runner.DelAsync(List(version, "a", "b"), Inv with { NetNs = null }, null, prev, CancellationToken.None);

        Sequence().Should().Equal("DEL b", "DEL a");
        _plugins.Calls().Should().OnlyContain(c => c.Config.ContainsKey("prevResult") == expectPrevResult && !c.Env.ContainsKey("CNI_NETNS"));
        if (expectPrevResult)
        {
            _plugins.Calls()[0].Config["prevResult"]!["cniVersion"]!.GetValue<string>().Should().Be(version);
        }
    }

    [Fact]
    public async Task DelAsync_FailuresDoNotStopTheOthers_AndAreCombined()
    {
        _plugins.AddRecorder("a", failOn: "DEL");
        _plugins.AddRecorder("b");
        _plugins.Add("c", "echo 'c cannot' >&2; exit 5");

        var act = () => _runner.DelAsync(List("1.0.0", "a", "b", "c"), Inv, null, null, CancellationToken.None);

        var e = (await act.Should().ThrowAsync<CniException>()).Which;
        e.Code.Should().Be(CniErrorCode.DelegateFailed, "c failed first and its code leads");
        e.Message.Should().Contain("plugin \"c\" (3 of 3) DEL: plugin exited with code 5: c cannot")
            .And.Contain("plugin \"a\" (1 of 3) DEL: a refuses DEL");
        Sequence().Should().Equal("DEL b", "DEL a");
    }

    [Fact]
    public async Task CheckAsync_RunsForwardWithPrevResult()
    {
        _plugins.AddRecorder("a");
        _plugins.AddRecorder("b");
        var prev = ResultConverter.Parse(JsonNode.Parse(ResultC), "1.0.0");

        await _runner.CheckAsync(List("1.0.0", "a", "b"), Inv, null, prev, CancellationToken.None);

        Sequence().Should().Equal("CHECK a", "CHECK b");
        _plugins.Calls().Should().OnlyContain(c => c.Config["prevResult"]!["routes"] != null);
    }

    [Fact]
    public async Task CheckAsync_StopsAtFirstFailure()
    {
        _plugins.AddRecorder("a", failOn: "CHECK");
        _plugins.AddRecorder("b");

        var act = () => _runner.CheckAsync(List("0.4.0", "a", "b"), Inv, null, new CniResult(), CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Message.Should().StartWith("plugin \"a\" (1 of 2) CHECK:");
        Sequence().Should().Equal("CHECK a");
    }

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.1.0")]
    public async Task CheckAsync_Before040_IsCode1(string version)
    {
        _plugins.AddRecorder("a");

        var act = () => _runner.CheckAsync(List(version, "a"), Inv, null, new CniResult(), CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.IncompatibleVersion);
        _plugins.Calls().Should().BeEmpty();
    }

    [Fact]
    public async Task CheckAsync_DisableCheck_RunsNothing()
    {
        _plugins.AddRecorder("a");

        await _runner.CheckAsync(List("1.0.0", "a") with { DisableCheck = true }, Inv, null, new CniResult(), CancellationToken.None);

        _plugins.Calls().Should().BeEmpty();
    }

    [Fact]
    public async Task StatusAsync_110_RunsEachPluginWithoutAttachment()
    {
        _plugins.AddRecorder("a");
        _plugins.AddRecorder("b");

        await _runner.StatusAsync(List("1.1.0", "a", "b"), Inv, CancellationToken.None);

        Sequence().Should().Equal("STATUS a", "STATUS b");
        _plugins.Calls().Should().OnlyContain(c => c.Env.Keys.Order().SequenceEqual(new[] { "CNI_COMMAND", "CNI_PATH" }));
    }

    [Fact]
    public async Task StatusAsync_NotAvailable_CarriesCode50()
    {
        _plugins.Add("a", "echo '{\"code\":50,\"msg\":\"no upstream\"}'; exit 1");

        var act = () => _runner.StatusAsync(List("1.1.0", "a"), Inv, CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.NotAvailable);
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.4.0")]
    public async Task StatusAndGc_Before110_AreNoOps(string version)
    {
        _plugins.AddRecorder("a");

        await _runner.StatusAsync(List(version, "a"), Inv, CancellationToken.None);
        await _runner.GcAsync(List(version, "a"), Inv, [], CancellationToken.None);

        _plugins.Calls().Should().BeEmpty();
    }

    [Fact]
    public async Task GcAsync_PassesValidAttachmentsUnderBothKeys_AndContinuesPastErrors()
    {
        _plugins.AddRecorder("a", failOn: "GC");
        _plugins.AddRecorder("b");

        var act = () => _runner.GcAsync(List("1.1.0", "a", "b"), Inv, [("ctr1", "eth0"), ("ctr2", "net1")], CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Message.Should().Be("plugin \"a\" (1 of 2) GC: a refuses GC");
        Sequence().Should().Equal("GC a", "GC b");
        var config = _plugins.Calls()[1].Config;
        var expected = JsonNode.Parse("""[{"containerID":"ctr1","ifname":"eth0"},{"containerID":"ctr2","ifname":"net1"}]""");
        JsonNode.DeepEquals(config["cni.dev/valid-attachments"], expected).Should().BeTrue();
        JsonNode.DeepEquals(config["cni.dev/attachments"], expected).Should().BeTrue();
    }

    [Fact]
    public async Task GcAsync_DisableGc_RunsNothing()
    {
        _plugins.AddRecorder("a");

        await _runner.GcAsync(List("1.1.0", "a") with { DisableGc = true }, Inv, [], CancellationToken.None);

        _plugins.Calls().Should().BeEmpty();
    }
}
