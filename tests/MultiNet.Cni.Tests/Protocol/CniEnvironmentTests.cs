using FluentAssertions;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Tests.Protocol;

public sealed class CniEnvironmentTests
{
    private static Dictionary<string, string?> Valid(string command = "ADD") => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = "abc123",
        ["CNI_NETNS"] = "/var/run/netns/x",
        ["CNI_IFNAME"] = "eth0",
        ["CNI_ARGS"] = "IgnoreUnknown=true;K8S_POD_NAME=p",
        ["CNI_PATH"] = "/opt/cni/bin:/usr/lib/cni",
    };

    private static CniEnvironment Parse(Dictionary<string, string?> env) =>
        CniEnvironment.Parse(name => env.TryGetValue(name, out var v) ? v : null);

    private static void ShouldFail(Dictionary<string, string?> env, string variable, string? fragment = null)
    {
        var act = () => Parse(env);
        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.InvalidEnvironment);
        error.Message.Should().Contain(variable);
        if (fragment is not null)
        {
            error.Message.Should().Contain(fragment);
        }
    }

    [Fact]
    public void Parse_ValidAdd_ReadsEveryVariable()
    {
        var env = Parse(Valid());

        env.Command.Should().Be(CniCommand.Add);
        env.ContainerId.Should().Be("abc123");
        env.NetNs.Should().Be("/var/run/netns/x");
        env.IfName.Should().Be("eth0");
        env.Args.Should().Be("IgnoreUnknown=true;K8S_POD_NAME=p");
        env.Path.Should().Equal("/opt/cni/bin", "/usr/lib/cni");
    }

    [Theory]
    [InlineData("ADD", CniCommand.Add)]
    [InlineData("DEL", CniCommand.Del)]
    [InlineData("CHECK", CniCommand.Check)]
    [InlineData("VERSION", CniCommand.Version)]
    [InlineData("STATUS", CniCommand.Status)]
    [InlineData("GC", CniCommand.Gc)]
    public void Parse_EachCommand_IsRecognised(string text, CniCommand expected) =>
        Parse(Valid(text)).Command.Should().Be(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_NoCommand_IsCode4NamingCniCommand(string? value)
    {
        var env = Valid();
        env["CNI_COMMAND"] = value;
        ShouldFail(env, "CNI_COMMAND", "missing");
    }

    [Theory]
    [InlineData("add")]
    [InlineData("DELETE")]
    public void Parse_UnknownCommand_IsCode4NamingTheValue(string value)
    {
        var env = Valid();
        env["CNI_COMMAND"] = value;
        ShouldFail(env, "CNI_COMMAND", $"\"{value}\"");
    }

    [Theory]
    [InlineData("ADD")]
    [InlineData("DEL")]
    [InlineData("CHECK")]
    public void Parse_AttachmentCommandWithoutContainerId_IsCode4(string command)
    {
        var env = Valid(command);
        env.Remove("CNI_CONTAINERID");
        ShouldFail(env, "CNI_CONTAINERID", "missing");
    }

    [Theory]
    [InlineData("-abc")]
    [InlineData("_abc")]
    [InlineData("abc def")]
    [InlineData("abc/def")]
    [InlineData("abc;def")]
    public void Parse_BadContainerId_IsCode4(string id)
    {
        var env = Valid("DEL");
        env["CNI_CONTAINERID"] = id;
        ShouldFail(env, "CNI_CONTAINERID", id);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0123456789abcdef")]
    [InlineData("Pod_1.2-x")]
    public void Parse_GoodContainerId_IsAccepted(string id)
    {
        var env = Valid();
        env["CNI_CONTAINERID"] = id;
        Parse(env).ContainerId.Should().Be(id);
    }

    [Theory]
    [InlineData("ADD")]
    [InlineData("DEL")]
    [InlineData("CHECK")]
    public void Parse_AttachmentCommandWithoutIfName_IsCode4(string command)
    {
        var env = Valid(command);
        env["CNI_IFNAME"] = "";
        ShouldFail(env, "CNI_IFNAME", "missing");
    }

    [Theory]
    [InlineData("0123456789abcdef", "longer than 15")]
    [InlineData(".", "\".\"")]
    [InlineData("..", "\"..\"")]
    [InlineData("eth/0", "'/'")]
    [InlineData("eth:0", "':'")]
    [InlineData("eth 0", "whitespace")]
    [InlineData("eth\t0", "whitespace")]
    public void Parse_BadIfName_IsCode4SayingWhy(string ifName, string why)
    {
        var env = Valid();
        env["CNI_IFNAME"] = ifName;
        ShouldFail(env, "CNI_IFNAME", why);
    }

    [Fact]
    public void Parse_IfNameOf15Characters_IsAccepted()
    {
        var env = Valid();
        env["CNI_IFNAME"] = "0123456789abcde";
        Parse(env).IfName.Should().Be("0123456789abcde");
    }

    [Theory]
    [InlineData("ADD")]
    [InlineData("CHECK")]
    public void Parse_AddOrCheckWithoutNetns_IsCode4(string command)
    {
        var env = Valid(command);
        env.Remove("CNI_NETNS");
        ShouldFail(env, "CNI_NETNS", "missing");
    }

    [Fact]
    public void Parse_DelWithoutNetns_IsAccepted()
    {
        var env = Valid("DEL");
        env.Remove("CNI_NETNS");
        Parse(env).NetNs.Should().BeNull();
    }

    [Theory]
    [InlineData("VERSION")]
    [InlineData("STATUS")]
    [InlineData("GC")]
    public void Parse_CommandsWithoutAttachment_NeedOnlyTheCommand(string command)
    {
        var env = Parse(new Dictionary<string, string?> { ["CNI_COMMAND"] = command, ["CNI_CONTAINERID"] = "bad id" });

        env.ContainerId.Should().Be("bad id", "the attachment variables are not checked for this command");
        env.Path.Should().BeEmpty();
    }

    [Fact]
    public void Parse_PathWithEmptyEntries_DropsThem()
    {
        var env = Valid();
        env["CNI_PATH"] = ":/a::/b:";
        Parse(env).Path.Should().Equal("/a", "/b");
    }

    [Theory]
    [InlineData("ADD")]
    [InlineData("CHECK")]
    public void Parse_ContainerIdTooLongForAFileName_FailsNamingTheLimit(string command)
    {
        var env = Valid(command);
        env["CNI_CONTAINERID"] = new string('a', CniIdentifiers.MaxContainerIdLength + 1);

        ShouldFail(env, "CNI_CONTAINERID", $"at most {CniIdentifiers.MaxContainerIdLength}");
    }

    [Fact]
    public void Parse_DelWithOverlongContainerId_IsAcceptedSoTheRuntimeCanFinish()
    {
        var env = Valid("DEL");
        env["CNI_CONTAINERID"] = new string('a', 300);

        Parse(env).ContainerId.Should().HaveLength(300);
    }

    [Fact]
    public void Parse_DelWithRelativeNetns_IsAcceptedSoTheRuntimeCanFinish() =>
        Parse(new Dictionary<string, string?>(Valid("DEL")) { ["CNI_NETNS"] = "./x" }).NetNs.Should().Be("./x");

    [Theory]
    [InlineData("ADD", "var/run/netns/x")]
    [InlineData("CHECK", "x")]
    public void Parse_RelativeNetns_FailsNamingIt(string command, string netns)
    {
        var env = Valid(command);
        env["CNI_NETNS"] = netns;

        ShouldFail(env, "CNI_NETNS", $"\"{netns}\" is not an absolute path");
    }
}
