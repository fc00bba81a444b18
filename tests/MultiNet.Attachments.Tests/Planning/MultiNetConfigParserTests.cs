using System.Text;
using FluentAssertions;
using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Tests.Planning;

public sealed class MultiNetConfigParserTests
{
    [Fact]
    public void Parse_MultusKeys_KeepTheirMeaning()
    {
        var config = MultiNetConfigParser.Parse(Encoding.UTF8.GetBytes("""
            {"cniVersion":"0.3.1","name":"multus-cni-network","type":"multinet","clusterNetwork":"calico",
             "defaultNetworks":["a","b"],"namespaceIsolation":true,"globalNamespaces":"default,shared",
             "systemNamespaces":["kube-system","ops"],"multusNamespace":"multi","confDir":"/c","cniDir":"/d","binDir":"/b",
             "readinessindicatorfile":"/r","logLevel":"debug","resultMode":"merged"}
            """));

        config.ClusterNetwork.Should().Be("calico");
        config.DefaultNetworks.Should().Equal("a", "b");
        config.GlobalNamespaces.Should().Equal("default", "shared");
        config.SystemNamespaces.Should().Equal("kube-system", "ops");
        (config.MultusNamespace, config.ConfDir, config.CniDir, config.BinDir).Should().Be(("multi", "/c", "/d", "/b"));
        config.ResultMode.Should().Be(ResultMode.Merged);
    }

    [Theory]
    [InlineData("{", CniErrorCode.DecodeFailure, "invalid JSON")]
    [InlineData("""{"cniVersion":"9.9.9","clusterNetwork":"x"}""", CniErrorCode.IncompatibleVersion, "cniVersion")]
    [InlineData("""{"cniVersion":"1.0.0"}""", CniErrorCode.InvalidConfig, "clusterNetwork")]
    [InlineData("""{"cniVersion":"1.0.0","clusterNetwork":"x","namespaceIsolation":"maybe"}""", CniErrorCode.InvalidConfig, "namespaceIsolation")]
    [InlineData("""{"cniVersion":"1.0.0","clusterNetwork":"x","logLevel":"loud"}""", CniErrorCode.InvalidConfig, "logLevel")]
    [InlineData("""{"cniVersion":"1.0.0","clusterNetwork":"x","resultMode":"all"}""", CniErrorCode.InvalidConfig, "resultMode")]
    [InlineData("""{"cniVersion":"1.0.0","clusterNetwork":"x","logFormat":"xml"}""", CniErrorCode.InvalidConfig, "logFormat")]
    [InlineData("""{"cniVersion":"1.0.0","clusterNetwork":"x","logOptions":{"maxSize":-5}}""", CniErrorCode.InvalidConfig, "logOptions.maxSize")]
    [InlineData("""{"cniVersion":"1.0.0","clusterNetwork":"x","logOptions":{"maxAge":"5"}}""", CniErrorCode.InvalidConfig, "logOptions.maxAge")]
    [InlineData("""{"cniVersion":"1.0.0","delegates":[1]}""", CniErrorCode.InvalidConfig, "delegates[0]")]
    [InlineData("""{"cniVersion":"1.0.0","clusterNetwork":"x","defaultNetworks":[""]}""", CniErrorCode.InvalidConfig, "defaultNetworks[0]")]
    public void Parse_BadInput_NamesTheField(string json, CniErrorCode code, string field)
    {
        var act = () => MultiNetConfigParser.Parse(Encoding.UTF8.GetBytes(json));

        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(code);
        error.Message.Should().Contain(field);
    }
}
