using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.KubeApi;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class YamlSubsetReaderTests
{
    [Fact]
    public void Parse_KubectlStyleLists_ReadsSequencesAtKeyIndentation()
    {
        var yaml = """
            apiVersion: v1
            clusters:
            - cluster:
                server: https://10.0.0.1:6443
              name: c1
            - name: c2
              cluster: {server: "http://x"}
            current-context: ctx
            """;

        var root = Parse(yaml);

        root["clusters"]!.AsArray().Should().HaveCount(2);
        root["clusters"]![0]!["cluster"]!["server"]!.GetValue<string>().Should().Be("https://10.0.0.1:6443");
        root["clusters"]![0]!["name"]!.GetValue<string>().Should().Be("c1");
        root["clusters"]![1]!["cluster"]!["server"]!.GetValue<string>().Should().Be("http://x");
        root["current-context"]!.GetValue<string>().Should().Be("ctx");
    }

    [Fact]
    public void Parse_IndentedListsAndComments_AreRead()
    {
        var yaml = """
            # generated
            users:
              - name: "u1"   # trailing comment
                user:
                  token: 'it''s # not a comment'
            preferences: {}
            extensions: []
            """;

        var root = Parse(yaml);

        root["users"]![0]!["name"]!.GetValue<string>().Should().Be("u1");
        root["users"]![0]!["user"]!["token"]!.GetValue<string>().Should().Be("it's # not a comment");
        root["preferences"].Should().BeOfType<JsonObject>().Which.Should().BeEmpty();
        root["extensions"].Should().BeOfType<JsonArray>().Which.Should().BeEmpty();
    }

    [Theory]
    [InlineData("k: \"a\\tb\\u00e9\\\"\"", "a\tbé\"")]
    [InlineData("k: plain value here", "plain value here")]
    [InlineData("k: 'single'", "single")]
    [InlineData("k: true", "true")]
    [InlineData("k: a:b", "a:b")]
    [InlineData("k: |\n  line1\n  line2\n", "line1\nline2\n")]
    [InlineData("k: |-\n  line1\n  line2\n", "line1\nline2")]
    [InlineData("k: >\n  folded\n  text\n", "folded text\n")]
    [InlineData("k: long\n  continued", "long continued")]
    [InlineData("\"quoted key\": v", "v")]
    public void Parse_Scalars_KeepTheirText(string yaml, string expected)
    {
        var root = Parse(yaml);

        root.Single().Value!.GetValue<string>().Should().Be(expected);
    }

    [Theory]
    [InlineData("k: ~")]
    [InlineData("k: null")]
    [InlineData("k:")]
    public void Parse_NullForms_AreNull(string yaml)
    {
        Parse(yaml)["k"].Should().BeNull();
    }

    [Fact]
    public void Parse_FlowCollections_AreNestedNodes()
    {
        var root = Parse("args: [\"--a\", b, {c: \"d\"}]\nenv: {A: 1,\n  B: [x]}");

        root["args"]!.AsArray().Select(n => n is JsonValue ? n.GetValue<string>() : "obj").Should().Equal("--a", "b", "obj");
        root["args"]![2]!["c"]!.GetValue<string>().Should().Be("d");
        root["env"]!["B"]![0]!.GetValue<string>().Should().Be("x");
    }

    [Fact]
    public void Parse_DocumentMarker_IsIgnored()
    {
        Parse("---\na: b\n")["a"]!.GetValue<string>().Should().Be("b");
    }

    [Theory]
    [InlineData("a: b\n  c: d", "line 2")]
    [InlineData("a: &anchor b", "anchors")]
    [InlineData("a: \"unterminated", "unterminated")]
    [InlineData("a: b\n---\nc: d", "one YAML document")]
    [InlineData("a:\n\tb: c", "tabs")]
    public void Parse_OutsideTheSubset_ThrowsFormatExceptionNamingTheProblem(string yaml, string expected)
    {
        var act = () => YamlSubsetReader.Parse(yaml);

        act.Should().Throw<FormatException>().WithMessage($"*{expected}*");
    }

    private static JsonObject Parse(string yaml) => YamlSubsetReader.Parse(yaml)!.AsObject();
}
