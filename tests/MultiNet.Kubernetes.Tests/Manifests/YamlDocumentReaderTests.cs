using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;

namespace MultiNet.Kubernetes.Tests.Manifests;

public sealed class YamlDocumentReaderTests
{
    [Theory]
    [InlineData("v: 42", "42")]
    [InlineData("v: -7", "-7")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 0o17", "15")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: 1e3", "1000")]
    [InlineData("v: true", "true")]
    [InlineData("v: False", "false")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: \"42\"", "\"42\"")]
    [InlineData("v: '1.0.0'", "\"1.0.0\"")]
    [InlineData("v: 1.0.0", "\"1.0.0\"")]
    [InlineData("v: yes", "\"yes\"")]
    [InlineData("v: .inf", "\".inf\"")]
    [InlineData("v: !!str 12", "\"12\"")]
    [InlineData("v: 10.10.0.0/24", "\"10.10.0.0/24\"")]
    public void ReadAll_PlainAndQuotedScalars_GetCoreSchemaTypes(string yaml, string expectedJson)
    {
        var document = Read(yaml).Single()!;

        (document["v"]?.ToJsonString() ?? "null").Should().Be(expectedJson);
    }

    [Fact]
    public void ReadAll_BlockScalar_KeepsTextVerbatim()
    {
        var document = Read("config: |\n  {\n    \"a\": 1\n  }\n").Single()!;

        document["config"]!.GetValue<string>().Should().Be("{\n  \"a\": 1\n}\n");
    }

    [Fact]
    public void ReadAll_SeveralDocuments_KeepsEmptyOnesAsNull()
    {
        var documents = Read("a: 1\n---\n---\n# only a comment\n---\n- x\n- y\n");

        documents.Should().HaveCount(4);
        documents[0]!["a"]!.GetValue<long>().Should().Be(1);
        documents[1].Should().BeNull();
        documents[2].Should().BeNull();
        documents[3]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("x", "y");
    }

    [Fact]
    public void ReadAll_AnchorsAliasesAndMergeKeys_Resolved()
    {
        var document = Read("""
            base: &base { type: bridge, mtu: 1500 }
            copy: *base
            derived:
              <<: *base
              mtu: 9000
            """).Single()!;

        document["copy"]!["type"]!.GetValue<string>().Should().Be("bridge");
        document["derived"]!["type"]!.GetValue<string>().Should().Be("bridge");
        document["derived"]!["mtu"]!.GetValue<long>().Should().Be(9000);
    }

    [Fact]
    public void ReadAll_UnknownAlias_FailsWithLine()
    {
        var act = () => Read("a: 1\nb: *nope\n");

        act.Should().Throw<CniException>().WithMessage("manifest \"test.yaml\": document 1: line 2, column 4: alias \"*nope\" refers to no anchor*");
    }

    [Fact]
    public void ReadAll_DuplicateKey_FailsNamingKey()
    {
        var act = () => Read("a: 1\n---\nname: x\nname: y\n");

        act.Should().Throw<CniException>().WithMessage("manifest \"test.yaml\": document 2: line 4, column 1: key \"name\" appears twice*");
    }

    [Fact]
    public void ReadAll_UnclosedFlowSequence_FailsWithInvalidConfigInsteadOfCrashing()
    {
        var act = () => Read("a: 1\n---\nb: [1, 2\nc: 3\n");

        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.InvalidConfig);
        error.Message.Should().StartWith("manifest \"test.yaml\": document 2: line 3");
    }

    [Fact]
    public void ReadAll_UnterminatedQuote_FailsWithParserMessage()
    {
        var act = () => Read("a: \"open\n");

        act.Should().Throw<CniException>().WithMessage("manifest \"test.yaml\": document 1: line 1, column 4: while scanning a quoted scalar*");
    }

    private static IReadOnlyList<JsonNode?> Read(string yaml)
    {
        using var reader = new StringReader(yaml);
        return YamlDocumentReader.ReadAll(reader, "test.yaml");
    }
}
