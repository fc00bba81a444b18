using FluentAssertions;
using MultiNet.Attachments.Engine;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Tests.Engine;

public sealed class PodContextLoaderTests
{
    [Theory]
    [InlineData("K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=", "K8S_POD_NAME")]
    [InlineData("K8S_POD_NAME=pod-1;K8S_POD_NAMESPACE=", "K8S_POD_NAMESPACE")]
    public async Task LoadForAdd_HugeInvalidValue_IsNamedButCutShortInTheMessage(string prefix, string key)
    {
        var env = new CniEnvironment
        {
            Command = CniCommand.Add, ContainerId = "c1", IfName = "eth0", NetNs = "/x", Args = prefix + new string('p', 500_000),
        };

        var act = () => new PodContextLoader(null).LoadForAddAsync(env, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.InvalidEnvironment);
        error.Message.Should().Contain($"{key} \"ppp").And.Contain("...\" is longer than");
        error.Message.Length.Should().BeLessThan(300, "a runtime's log line is no place for half a megabyte");
    }
}
