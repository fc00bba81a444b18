using FluentAssertions;
using MultiNet.NetworkPlumbing.Admission;
using static MultiNet.NetworkPlumbing.Tests.Admission.NadFactory;

namespace MultiNet.NetworkPlumbing.Tests.Admission;

public class NadRulesTests
{
    private const string Bridge = """{"cniVersion":"1.0.0","name":"net-a","type":"bridge"}""";

    [Fact]
    public void Validate_ValidConf_NoFindings()
    {
        NadRules.Validate(Nad(Bridge)).Should().BeEmpty();
    }

    [Fact]
    public void Validate_ValidConflist_NoFindings()
    {
        NadRules.Validate(Nad("""{"cniVersion":"1.0.0","name":"net-a","plugins":[{"type":"bridge"},{"type":"tuning"}]}""")).Should().BeEmpty();
    }

    [Fact]
    public void Validate_ConfWithoutName_NoFindings()
    {
        // NPWG §3.4.2: the NAD's name is injected.
        NadRules.Validate(Nad("""{"cniVersion":"0.3.1","type":"macvlan"}""")).Should().BeEmpty();
    }

    [Theory]
    [InlineData("0net")]
    [InlineData("1")]
    [InlineData("a-b")]
    public void Validate_NameLabelEdges_Accepted(string name)
    {
        NadRules.Validate(Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", name)).Should().BeEmpty();
    }

    [Fact]
    public void Validate_Name63Characters_Accepted()
    {
        NadRules.Validate(Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", new string('a', 62) + "1")).Should().BeEmpty();
    }

    [Theory]
    [InlineData("-net")]
    [InlineData("net-")]
    [InlineData("Net")]
    [InlineData("net_a")]
    [InlineData("net.a")]
    public void Validate_BadName_InvalidName(string name)
    {
        Single(Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", name), RuleReasons.InvalidName, "metadata.name")
            .Message.Should().Contain("DNS-1123");
    }

    [Fact]
    public void Validate_Name64Characters_InvalidName()
    {
        Single(Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", new string('a', 64)), RuleReasons.InvalidName, "metadata.name")
            .Message.Should().Contain("longer than 63");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Validate_EmptyConfig_WarningOnly(string? config)
    {
        var finding = NadRules.Validate(Nad(config!)).Should().ContainSingle().Which;
        finding.Severity.Should().Be(RuleSeverity.Warning);
        finding.Reason.Should().Be(RuleReasons.EmptyConfig);
        finding.Field.Should().Be("spec.config");
    }

    [Theory]
    [InlineData("{", "is not valid JSON")]
    [InlineData("{\"type\":\"bridge\",}", "is not valid JSON")]
    [InlineData("{\"type\":\"bridge\",\"type\":\"macvlan\"}", "is not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("\"bridge\"", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("\ud800", "is not valid JSON")]
    public void Validate_NotAJsonObject_InvalidConfigJson(string config, string expected)
    {
        Single(Nad(config), RuleReasons.InvalidConfigJson, "spec.config").Message.Should().Contain(expected);
    }

    [Fact]
    public void Validate_SyntaxError_NamesLineAndColumn()
    {
        Single(Nad("{\n  \"type\": bridge\n}"), RuleReasons.InvalidConfigJson, "spec.config").Message.Should().Contain("line 2");
    }

    [Fact]
    public void Validate_ConfWithoutType_MissingType()
    {
        Single(Nad("""{"cniVersion":"1.0.0","name":"net-a"}"""), RuleReasons.MissingType, "spec.config.type");
    }

    [Fact]
    public void Validate_ConflistPluginWithoutType_MissingTypeAtPlugin()
    {
        Single(Nad("""{"cniVersion":"1.0.0","name":"net-a","plugins":[{"type":"bridge"},{"mtu":1400}]}"""),
            RuleReasons.MissingType, "spec.config.plugins[1].type");
    }

    [Fact]
    public void Validate_TwoPluginsWithoutType_BothReported()
    {
        NadRules.Validate(Nad("""{"cniVersion":"1.0.0","name":"net-a","plugins":[{},{}]}"""))
            .Select(f => f.Field).Should().Equal("spec.config.plugins[0].type", "spec.config.plugins[1].type");
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","type":""}""", "spec.config.type")]
    [InlineData("""{"cniVersion":"1.0.0","type":5}""", "spec.config.type")]
    [InlineData("""{"cniVersion":"1.0.0","type":"/opt/cni/bin/bridge"}""", "spec.config.type")]
    [InlineData("""{"cniVersion":"1.0.0","plugins":[{"type":"..\\bridge"}]}""", "spec.config.plugins[0].type")]
    public void Validate_BadType_InvalidType(string config, string field)
    {
        Single(Nad(config), RuleReasons.InvalidType, field);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","plugins":[]}""", "spec.config.plugins")]
    [InlineData("""{"cniVersion":"1.0.0","plugins":{"type":"bridge"}}""", "spec.config.plugins")]
    [InlineData("""{"cniVersion":"1.0.0","plugins":["bridge"]}""", "spec.config.plugins[0]")]
    public void Validate_BadPlugins_InvalidPlugins(string config, string field)
    {
        Single(Nad(config), RuleReasons.InvalidPlugins, field);
    }

    [Fact]
    public void Validate_NoCniVersion_MissingCniVersion()
    {
        Single(Nad("""{"type":"bridge"}"""), RuleReasons.MissingCniVersion, "spec.config.cniVersion").Message.Should().Contain("1.1.0");
    }

    [Theory]
    [InlineData("2.0.0")]
    [InlineData("1.0")]
    [InlineData("0.3.2")]
    [InlineData("v1.0.0")]
    public void Validate_UnknownCniVersion_UnsupportedCniVersion(string version)
    {
        Single(Nad($$"""{"cniVersion":"{{version}}","type":"bridge"}"""), RuleReasons.UnsupportedCniVersion, "spec.config.cniVersion");
    }

    [Theory]
    [InlineData("0.1.0")]
    [InlineData("0.2.0")]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Validate_EverySupportedVersion_Accepted(string version)
    {
        NadRules.Validate(Nad($$"""{"cniVersion":"{{version}}","type":"bridge"}""")).Should().BeEmpty();
    }

    [Fact]
    public void Validate_CniVersionsWithOneKnown_Accepted()
    {
        NadRules.Validate(Nad("""{"cniVersions":["9.9.9","1.1.0"],"name":"net-a","plugins":[{"type":"bridge"}]}""")).Should().BeEmpty();
    }

    [Fact]
    public void Validate_CniVersionsAllUnknown_UnsupportedAtCniVersions()
    {
        Single(Nad("""{"cniVersions":["9.9.9"],"plugins":[{"type":"bridge"}]}"""), RuleReasons.UnsupportedCniVersion, "spec.config.cniVersions");
    }

    [Fact]
    public void Validate_CniVersionNotString_Unsupported()
    {
        Single(Nad("""{"cniVersion":1,"type":"bridge"}"""), RuleReasons.UnsupportedCniVersion, "spec.config.cniVersion");
    }

    [Fact]
    public void Validate_ConfigNameDiffers_WarningOnly()
    {
        var f = NadRules.Validate(Nad("""{"cniVersion":"1.0.0","name":"other","type":"bridge"}""")).Should().ContainSingle().Which;
        f.Should().Be(f with { Severity = RuleSeverity.Warning, Reason = RuleReasons.ConfigNameMismatch, Field = "spec.config.name" });
        f.Message.Should().Contain("\"other\"").And.Contain("\"net-a\"");
    }

    [Theory]
    [InlineData("-bad")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public void Validate_ConfigNameNotCni_InvalidConfigName(string name)
    {
        Single(Nad($$"""{"cniVersion":"1.0.0","name":"{{name}}","type":"bridge"}"""), RuleReasons.InvalidConfigName, "spec.config.name");
    }

    [Fact]
    public void Validate_ConflistWithTopLevelType_AmbiguousWarning()
    {
        var f = NadRules.Validate(Nad("""{"cniVersion":"1.0.0","name":"net-a","type":"macvlan","plugins":[{"type":"bridge"}]}"""))
            .Should().ContainSingle().Which;
        f.Reason.Should().Be(RuleReasons.AmbiguousConfig);
        f.Severity.Should().Be(RuleSeverity.Warning);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","type":"bridge","capabilities":["ips"]}""", "spec.config.capabilities")]
    [InlineData("""{"cniVersion":"1.0.0","type":"bridge","capabilities":{"ips":"true"}}""", "spec.config.capabilities.ips")]
    public void Validate_CapabilitiesNotBooleans_ErrorAsThePluginRefusesIt(string config, string field)
    {
        var f = NadRules.Validate(Nad(config)).Should().ContainSingle().Which;
        f.Should().Be(f with { Severity = RuleSeverity.Error, Reason = RuleReasons.InvalidCapabilities, Field = field });
    }

    [Fact]
    public void Validate_PluginParserRefuses_InvalidConfigCatchAll()
    {
        // No finer rule covers disableCheck; the plugin's own parser refuses it, so admission must too.
        Single(Nad("""{"cniVersion":"1.0.0","name":"net-a","disableCheck":"maybe","plugins":[{"type":"bridge"}]}"""),
            RuleReasons.InvalidConfig, "spec.config").Message.Should().Contain("disableCheck");
    }

    [Fact]
    public void Validate_BadNameAndBadConfig_BothReported()
    {
        NadRules.Validate(Nad("""{"type":"bridge"}""", "Bad"))
            .Select(f => f.Reason).Should().Equal(RuleReasons.InvalidName, RuleReasons.MissingCniVersion);
    }

    [Fact]
    public void HasErrors_WarningsOnly_False()
    {
        NadRules.HasErrors(NadRules.Validate(Nad("""{"cniVersion":"1.0.0","name":"x","type":"bridge"}"""))).Should().BeFalse();
        NadRules.HasErrors(NadRules.Validate(Nad("{"))).Should().BeTrue();
    }

    internal static RuleFinding Single(MultiNet.NetworkPlumbing.Definitions.NetworkAttachmentDefinition nad, string reason, string field)
    {
        var findings = NadRules.Validate(nad);
        var f = findings.Where(x => x.IsError).Should().ContainSingle($"findings were: {string.Join(" | ", findings)}").Which;
        f.Reason.Should().Be(reason, f.ToString());
        f.Field.Should().Be(field, f.ToString());
        f.Message.Should().NotBeNullOrWhiteSpace();
        return f;
    }
}
