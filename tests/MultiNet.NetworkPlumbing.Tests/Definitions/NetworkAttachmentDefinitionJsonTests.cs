using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Definitions;

public class NetworkAttachmentDefinitionJsonTests
{
    [Fact]
    public void FromJson_FullObject_ReadsEveryField()
    {
        var node = JsonNode.Parse("""
            {"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition",
             "metadata":{"name":"sriov-a","namespace":"team-a","resourceVersion":"7",
                         "annotations":{"k8s.v1.cni.cncf.io/resourceName":"intel.com/sriov_vf","other":"x"}},
             "spec":{"config":"{\"cniVersion\":\"0.3.1\",\"type\":\"sriov\"}"}}
            """)!;

        var nad = NetworkAttachmentDefinitionJson.FromJson(node);

        nad.Should().Be(new NetworkAttachmentDefinition
        {
            Namespace = "team-a",
            Name = "sriov-a",
            ResourceName = "intel.com/sriov_vf",
            Config = """{"cniVersion":"0.3.1","type":"sriov"}""",
        });
    }

    [Fact]
    public void FromJson_NoSpecNoNamespace_DefaultsAndNullConfig()
    {
        var nad = NetworkAttachmentDefinitionJson.FromJson(JsonNode.Parse("""{"metadata":{"name":"calico"}}""")!, "kube-system");

        nad.Should().Be(new NetworkAttachmentDefinition { Namespace = "kube-system", Name = "calico" });
    }

    [Fact]
    public void FromJson_WithoutDefaultNamespace_UsesDefault()
    {
        NetworkAttachmentDefinitionJson.FromJson(JsonNode.Parse("""{"metadata":{"name":"a"},"spec":{}}""")!).Namespace
            .Should().Be("default");
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { """{}""", "field \"metadata.name\" is required" },
        { """{"metadata":{}}""", "field \"metadata.name\" is required" },
        { """{"metadata":{"name":""}}""", "field \"metadata.name\" is required" },
        { """{"metadata":{"name":5}}""", "field \"metadata.name\": expected a string, got a number" },
        { """{"metadata":"a"}""", "field \"metadata\": expected an object, got a string" },
        { """{"metadata":{"name":"a","namespace":["x"]}}""", "field \"metadata.namespace\": expected a string, got an array" },
        { """{"metadata":{"name":"a","annotations":[]}}""", "field \"metadata.annotations\": expected an object" },
        { """{"metadata":{"name":"a","annotations":{"k8s.v1.cni.cncf.io/resourceName":1}}}""", "k8s.v1.cni.cncf.io/resourceName" },
        { """{"metadata":{"name":"a"},"spec":{"config":{"type":"bridge"}}}""", "field \"spec.config\": expected a string, got an object" },
        { """{"metadata":{"name":"a"},"spec":"x"}""", "field \"spec\": expected an object, got a string" },
        { """{"kind":"Pod","metadata":{"name":"a"}}""", "field \"kind\": \"Pod\" is not NetworkAttachmentDefinition" },
        { """[1]""", "expected a JSON object, got an array" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void FromJson_Invalid_InvalidConfigNamingField(string json, string expected)
    {
        Action act = () => NetworkAttachmentDefinitionJson.FromJson(JsonNode.Parse(json)!);

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.InvalidConfig)
            .Which.Message.Should().StartWith("network attachment definition").And.Contain(expected);
    }

    [Fact]
    public void FromJson_ErrorAfterName_NamesTheNad()
    {
        Action act = () => NetworkAttachmentDefinitionJson.FromJson(
            JsonNode.Parse("""{"metadata":{"name":"a","namespace":"b"},"spec":{"config":1}}""")!);

        act.Should().Throw<CniException>().Which.Message.Should().StartWith("network attachment definition \"b/a\": field \"spec.config\"");
    }

    [Fact]
    public void FromJson_DuplicateKeys_InvalidConfigNotArgumentException()
    {
        Action act = () => NetworkAttachmentDefinitionJson.FromJson(JsonNode.Parse("""{"metadata":{"name":"a","name":"b"}}""")!);

        act.Should().Throw<CniException>().Which.Code.Should().Be(CniErrorCode.InvalidConfig);
    }
}
