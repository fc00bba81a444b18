using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Selection;

public class DefaultNetworkTests
{
    [Theory]
    [InlineData("calico", "kube-system", "calico")]
    [InlineData("other/calico", "other", "calico")]
    [InlineData("""[{"name":"calico"}]""", "kube-system", "calico")]
    [InlineData("""[{"name":"calico","namespace":"net"}]""", "net", "calico")]
    public void ParseDefaultNetwork_OneNetwork_Returned(string annotation, string ns, string name)
    {
        var e = NetworkSelectionParser.ParseDefaultNetwork(annotation, "kube-system");

        (e.Namespace, e.Name).Should().Be((ns, name));
    }

    [Theory]
    [InlineData("", "got 0")]
    [InlineData("a,b", "got 2")]
    [InlineData("[]", "got 0")]
    public void ParseDefaultNetwork_NotExactlyOne_Fails(string annotation, string expected)
    {
        Action act = () => NetworkSelectionParser.ParseDefaultNetwork(annotation, "kube-system");

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.InvalidNetworkSelection)
            .Which.Message.Should().Be($"annotation \"v1.multus-cni.io/default-network\": must select exactly one network, {expected}");
    }

    [Fact]
    public void ParseDefaultNetwork_AliasKey_NamedInErrors()
    {
        Action act = () => NetworkSelectionParser.ParseDefaultNetwork("Bad", "kube-system", NetworkSelectionParser.DefaultNetworkAliasKey);

        act.Should().Throw<CniException>().Which.Message.Should().StartWith("annotation \"multinet.io/default-network\": network 1");
    }
}
