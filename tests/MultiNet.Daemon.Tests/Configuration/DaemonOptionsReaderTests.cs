using FluentAssertions;
using Microsoft.Extensions.Logging;
using MultiNet.Daemon.Configuration;

namespace MultiNet.Daemon.Tests.Configuration;

public sealed class DaemonOptionsReaderTests
{
    private static readonly Func<string, string?> NoEnv = _ => null;

    [Fact]
    public void Parse_OnlyNodeName_GivesTheDocumentedDefaults()
    {
        var options = DaemonOptionsReader.Parse("""{"nodeName":"n1"}""", "daemon.json", NoEnv);

        options.Should().BeEquivalentTo(new
        {
            NodeName = "n1",
            SocketDir = "/run/multinet",
            Kubeconfig = (string?)null,
            MaxConcurrentRequests = 16,
            MaxQueuedRequests = 256,
            RequestTimeout = TimeSpan.FromSeconds(120),
            ShutdownGrace = TimeSpan.FromSeconds(20),
            Metrics = true,
            MetricsAddress = (System.Net.IPEndPoint?)null,
            ChrootDir = (string?)null,
            PodEvents = PodEventPolicy.Warnings,
            LogLevel = LogLevel.Information,
        });
    }

    [Fact]
    public void Parse_NoNodeName_TakesNodeNameFromEnvironment()
    {
        var options = DaemonOptionsReader.Parse("{}", "daemon.json", k => k == "NODE_NAME" ? "from-env" : null);

        options.NodeName.Should().Be("from-env");
    }

    [Fact]
    public void Parse_EveryKey_IsRead()
    {
        var options = DaemonOptionsReader.Parse("""
            {"nodeName":"n","socketDir":"/s","kubeconfig":"/k","maxConcurrentRequests":4,"maxQueuedRequests":0,
             "requestTimeoutSeconds":9,"shutdownGraceSeconds":0,"metrics":false,"podEvents":"all","logLevel":"debug","other":{"kept":1}}
            """, "daemon.json", NoEnv);

        options.Should().BeEquivalentTo(new
        {
            SocketDir = "/s", Kubeconfig = "/k", MaxConcurrentRequests = 4, MaxQueuedRequests = 0,
            RequestTimeout = TimeSpan.FromSeconds(9), ShutdownGrace = TimeSpan.Zero, Metrics = false,
            PodEvents = PodEventPolicy.All, LogLevel = LogLevel.Debug,
        });
        options.Raw["other"]!["kept"]!.GetValue<int>().Should().Be(1, "other parts of the daemon read their own keys");
    }

    [Theory]
    [InlineData("""{"nodeName":""}""", "field \"nodeName\": must not be empty")]
    [InlineData("""{"nodeName":"n","maxQueuedRequests":-1}""", "field \"maxQueuedRequests\": -1 is not a whole number from 0 to 100000")]
    [InlineData("""{"nodeName":"n","requestTimeoutSeconds":"5"}""", "field \"requestTimeoutSeconds\"")]
    [InlineData("""{"nodeName":"n","metrics":"yes"}""", "field \"metrics\": \"yes\" is not true or false")]
    [InlineData("""{"nodeName":"n","logLevel":"loud"}""", "field \"logLevel\": \"loud\" is not one of error, warning, info, debug")]
    [InlineData("""{"nodeName":"n","logFormat":"xml"}""", "field \"logFormat\": \"xml\" is not text or json")]
    [InlineData("""{"nodeName":"n","logOptions":{"maxBackups":-1}}""", "field logOptions.maxBackups: -1 is not a whole number of at least 0")]
    [InlineData("""{"nodeName":"n","logOptions":{"compress":1}}""", "field logOptions.compress: 1 is not true or false")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("""{"nodeName":"n","metricsAddress":"localhost:9595"}""", "field \"metricsAddress\": \"localhost:9595\" is not an IP address and port")]
    [InlineData("""{"nodeName":"n","metricsAddress":"0.0.0.0"}""", "field \"metricsAddress\": \"0.0.0.0\" is not an IP address and port")]
    [InlineData("""{"nodeName":"n","chrootDir":"hostroot"}""", "field \"chrootDir\": \"hostroot\" is not an absolute path")]
    [InlineData("""{"nodeName":"n","chrootDir":"/nonexistent/hostroot"}""", "field \"chrootDir\": \"/nonexistent/hostroot\" does not exist")]
    public void Parse_BadValue_NamesTheField(string json, string message)
    {
        var act = () => DaemonOptionsReader.Parse(json, "daemon.json", NoEnv);

        act.Should().Throw<DaemonConfigException>().WithMessage($"config \"daemon.json\": *{message}*");
    }

    [Theory]
    [InlineData("0.0.0.0:9595", "0.0.0.0", 9595)]
    [InlineData("[::1]:19595", "::1", 19595)]
    public void Parse_MetricsAddress_IsAnEndpoint(string address, string ip, int port)
    {
        var options = DaemonOptionsReader.Parse($$"""{"nodeName":"n","metricsAddress":"{{address}}"}""", "daemon.json", NoEnv);

        options.MetricsAddress.Should().Be(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(ip), port));
    }

    [Fact]
    public void Parse_ChrootDirWithBinDirLinkedInside_IsAccepted()
    {
        using var root = new MultiNet.Testing.Node.MinimalRoot();
        Directory.CreateDirectory(root.Here("/usr/libexec/cni"));
        File.CreateSymbolicLink(root.Here("/opt/cni/libexec"), "/usr/libexec/cni");

        var options = DaemonOptionsReader.Parse(
            $$$"""{"nodeName":"n","chrootDir":"{{{root.Path}}}/","cniConfig":{"pluginKeys":{"binDir":"/opt/cni/libexec"} } }""", "daemon.json", NoEnv);

        options.ChrootDir.Should().Be(root.Path, "the absolute link is followed inside the root");
    }

    [Theory]
    [InlineData(null, "/opt/cni/bin")]
    [InlineData("/usr/libexec/cni", "/usr/libexec/cni")]
    public void Parse_ChrootDirWithoutTheBinDir_NamesTheKeyAndTheDirectory(string? binDir, string expected)
    {
        using var root = new MultiNet.Testing.Node.MinimalRoot();
        Directory.Delete(root.Here("/opt/cni/bin"));
        var pluginKeys = binDir is null ? "" : $$$""","cniConfig":{"pluginKeys":{"binDir":"{{{binDir}}}"}}""";

        var act = () => DaemonOptionsReader.Parse($$$"""{"nodeName":"n","chrootDir":"{{{root.Path}}}"{{{pluginKeys}}} }""", "daemon.json", NoEnv);

        act.Should().Throw<DaemonConfigException>()
            .WithMessage($"config \"daemon.json\": field \"chrootDir\": \"{root.Path}\" has no CNI bin directory \"{expected}\"*");
    }

    [Fact]
    public void Read_MissingFile_SaysItCannotReadIt()
    {
        var act = () => DaemonOptionsReader.Read("/nonexistent/daemon.json", NoEnv);

        act.Should().Throw<DaemonConfigException>().WithMessage("config \"/nonexistent/daemon.json\": cannot read it*");
    }
}
