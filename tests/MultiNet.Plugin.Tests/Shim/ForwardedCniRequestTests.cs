using System.Text;
using FluentAssertions;
using MultiNet.Attachments.Forwarding;
using MultiNet.Cni.Protocol;

namespace MultiNet.Plugin.Tests.Shim;

public sealed class ForwardedCniRequestTests
{
    [Fact]
    public void ToJson_ThenParse_GivesBackEnvAndStdinByteForByte()
    {
        var stdin = Encoding.UTF8.GetBytes("{\"cniVersion\":\"1.0.0\",\"name\":\"ü\"}\n").Concat(new byte[] { 0xff }).ToArray();
        var request = new ForwardedCniRequest(new Dictionary<string, string> { ["CNI_COMMAND"] = "ADD", ["CNI_ARGS"] = "a=b;c=\"d\"" }, stdin);

        var parsed = ForwardedCniRequest.Parse(request.ToJson());

        parsed.Env.Should().BeEquivalentTo(request.Env);
        parsed.Stdin.Should().Equal(stdin);
    }

    [Theory]
    [InlineData("nope", "not valid JSON")]
    [InlineData("{\"env\":[],\"stdin\":\"\"}", "field \"env\"")]
    [InlineData("{\"env\":{\"CNI_COMMAND\":1},\"stdin\":\"\"}", "field \"env.CNI_COMMAND\": expected a string")]
    [InlineData("{\"env\":{}}", "field \"stdin\"")]
    public void Parse_Malformed_IsDecodeFailureNamingTheField(string json, string message)
    {
        var act = () => ForwardedCniRequest.Parse(Encoding.UTF8.GetBytes(json));

        act.Should().Throw<CniException>().Where(e => e.Code == CniErrorCode.DecodeFailure && e.Message.Contains(message));
    }
}
