using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cli.Migrate.Genie;
using MultiNet.Cli.Tests.Commands;
using static MultiNet.Cli.Tests.Migrate.MigrateRun;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary>
/// <c>multinetctl migrate --genie</c>: CNI-Genie's <c>cni</c> annotation translated into the NPWG one, with NADs from Genie's
/// config files; the result is checked with <c>multinetctl validate</c> (the admission controller's rules).
/// </summary>
public sealed class GenieMigrateTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("weave,canal", "weave@eth0 canal@eth1")]
    [InlineData("flannel, weave@eth4 ,flannel@eth3", "flannel@eth0 weave@eth4 flannel@eth3")]
    [InlineData("a@eth1,b,c", "a@eth1 b@eth0 c@eth2")]
    [InlineData("a@eth0,b,c@data0", "a@eth0 b@eth1 c@data0")]
    public void GenieRequest_Parse_NamesInterfacesAsGenieDid(string cni, string expected)
    {
        var (requests, problem) = GenieRequest.Parse(cni);

        problem.Should().BeNull();
        string.Join(' ', requests.Select(r => $"{r.Plugin}@{r.IfName}")).Should().Be(expected);
    }

    [Theory]
    [InlineData("a@eth1,b@eth1", "asked for twice")]
    [InlineData("a,,b", "is not PLUGIN or PLUGIN@IFNAME")]
    [InlineData("a@", "is not PLUGIN or PLUGIN@IFNAME")]
    [InlineData("a@b@c", "is not PLUGIN or PLUGIN@IFNAME")]
    public void GenieRequest_Parse_RefusesWhatGenieRefused(string cni, string expected)
    {
        GenieRequest.Parse(cni).Problem.Should().Contain(expected);
    }

    [Fact]
    public void MigrateGenie_PodsAndWorkloads_GiveAnnotationsAndNadsThatValidatePasses()
    {
        var confDir = GenieConfDir();
        var pods = _dir.Write("apps.yaml", string.Join("---\n",
            Pod("web", "apps", """{"cni": "flannel,macvlan@eth3,bridge", "multi-ip-preferences": "{\"multi_entry\": 3}"}"""),
            Deployment("db", "apps", """{"cni": "flannel,flannel"}"""),
            Pod("plain", "apps", """{"team": "a"}""")));

        var run = RunArgs("migrate", "--genie", pods, "--genie-conf-dir", confDir, "--cluster-plugin", "flannel", "-o", "json");

        run.ExitCode.Should().Be(0, run.ToString());
        var objects = run.Report["objects"]!.AsArray();
        objects.Select(o => (string)o!["object"]!).Should().Equal("Pod apps/web", "Deployment apps/db");
        ((string)objects[0]!["set"]![GenieTranslator.NetworksAnnotation]!).Should().Be("macvlan@eth3, bridge@eth1");
        objects[0]!["set"]!.AsObject().ContainsKey(GenieTranslator.DefaultNetworkAnnotation).Should().BeFalse("flannel is the cluster network");
        objects[0]!["remove"]!.AsArray().Select(r => (string)r!).Should().Equal("cni", "multi-ip-preferences");
        ((string)objects[1]!["set"]![GenieTranslator.NetworksAnnotation]!).Should().Be("flannel@eth1");
        ((string)objects[1]!["annotationsPath"]!).Should().Be("spec.template.metadata.annotations");
        var nads = run.Report["networkAttachmentDefinitions"]!.AsArray();
        nads.Select(n => $"{n!["metadata"]!["namespace"]}/{n["metadata"]!["name"]}").Should().BeEquivalentTo("apps/macvlan", "apps/bridge", "apps/flannel");
        ((string)nads.Single(n => (string)n!["metadata"]!["name"]! == "bridge")!["spec"]!["config"]!).Should().Be(File.ReadAllText(Path.Join(confDir, "30-bridge.conflist")).Trim());

        // The translated pods, with the NADs written, pass the admission controller's rules.
        var translated = _dir.Write("translated/apps.yaml", string.Join("---\n",
            Pod("web", "apps", new JsonObject { [GenieTranslator.NetworksAnnotation] = "macvlan@eth3, bridge@eth1" }.ToJsonString()),
            Deployment("db", "apps", new JsonObject { [GenieTranslator.NetworksAnnotation] = "flannel@eth1" }.ToJsonString()),
            string.Join("---\n", nads.Select(n => n!.ToJsonString() + "\n"))));
        var validate = RunArgs("validate", "--strict", translated);
        validate.ExitCode.Should().Be(0, validate.ToString());
        validate.Run.Stderr.Should().Contain("5 object(s) in 1 file(s): 0 error(s), 0 warning(s)");
    }

    [Fact]
    public void MigrateGenie_TextOutput_IsAStreamKubectlAppliesAndValidateReads()
    {
        var pods = _dir.Write("pods.yaml", Pod("web", "apps", """{"cni": "flannel,macvlan"}"""));

        var run = RunArgs("migrate", "--genie", pods, "--genie-conf-dir", GenieConfDir());

        run.ExitCode.Should().Be(0, run.ToString());
        run.Run.Stdout.Should().StartWith($"# Pod apps/web ({pods}:1), metadata.annotations:\n#   set k8s.v1.cni.cncf.io/networks: \"macvlan@eth1\"\n#   remove cni\n---\n");
        run.Run.Stderr.Should().Contain("\"flannel\" (on eth0) is taken to be the node's cluster network");
        var stream = _dir.Write("out/nads.yaml", run.Run.Stdout);
        var validate = RunArgs("validate", stream);
        validate.ExitCode.Should().Be(0, validate.ToString());
        validate.Run.Stderr.Should().Contain("1 object(s)");
    }

    [Fact]
    public void MigrateGenie_PrimaryThatIsNotTheClusterNetwork_BecomesTheDefaultNetworkAnnotation()
    {
        var pods = _dir.Write("pods.yaml", Pod("web", "apps", """{"cni": "macvlan,bridge"}"""));

        var run = RunArgs("migrate", "--genie", pods, "--genie-conf-dir", GenieConfDir(), "--cluster-plugin", "flannel", "-o", "json");

        run.ExitCode.Should().Be(0, run.ToString());
        var set = run.Report["objects"]![0]!["set"]!;
        ((string)set[GenieTranslator.DefaultNetworkAnnotation]!).Should().Be("apps/macvlan");
        ((string)set[GenieTranslator.NetworksAnnotation]!).Should().Be("bridge@eth1");
        run.Findings.Should().BeEmpty("findings of objects are per object");
    }

    [Theory]
    [InlineData("""{"cni": ""}""", "metadata.annotations[\"cni\"]", "not carried over")]
    [InlineData("""{"cni": "flannel,macvlan", "k8s.v1.cni.cncf.io/networks": "macvlan"}""", "metadata.annotations[\"cni\"]", "not needed")]
    [InlineData("""{"cni": "flannel,Weave_Net"}""", "metadata.annotations[\"cni\"]", "not carried over")]
    [InlineData("""{"cni": "flannel@eth1,macvlan@eth2"}""", "metadata.annotations[\"cni\"]", "not carried over")]
    [InlineData("""{"cni": "", "networks": "logical-a@eth1"}""", "metadata.annotations[\"networks\"]", "not carried over")]
    public void MigrateGenie_RequestsWithoutAnNpwgEquivalent_AreNamedPerObject(string annotations, string key, string kind)
    {
        var pods = _dir.Write("pods.yaml", Pod("web", "apps", annotations));

        var run = RunArgs("migrate", "--genie", pods, "--genie-conf-dir", GenieConfDir(), "-o", "json");

        run.ExitCode.Should().Be(kind == "not carried over" ? 1 : 0, run.ToString());
        run.Report["objects"]![0]!["findings"]!.AsArray().Select(f => ((string)f!["key"]!, (string)f["kind"]!)).Should().Contain((key, kind));
    }

    [Fact]
    public void MigrateGenie_WithoutConfDir_NamesEachNadToCreateAndExits1()
    {
        var pods = _dir.Write("pods.yaml", Pod("web", "apps", """{"cni": "flannel,macvlan,unknown-plugin"}"""));

        var run = RunArgs("migrate", "--genie", pods, "-o", "json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Findings.Select(f => f.Key).Should().Equal("NetworkAttachmentDefinition apps/macvlan", "NetworkAttachmentDefinition apps/unknown-plugin");
        run.Report["networkAttachmentDefinitions"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("--genie")]
    [InlineData("--cluster-plugin", "flannel", "00-multus.conf")]
    public void MigrateGenie_BadCommandLine_Exits2(params string[] args)
    {
        var run = RunArgs(["migrate", .. args]);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Run.Stderr.Should().Contain("usage:");
    }

    private string GenieConfDir()
    {
        _dir.Write("genie/00-genie.conf", """{"cniVersion": "0.3.1", "name": "k8s-pod-network", "type": "genie", "default_plugin": "flannel"}""");
        _dir.Write("genie/10-flannel.conf", """{"cniVersion": "0.3.1", "name": "flannel", "type": "flannel", "delegate": {"isDefaultGateway": true}}""");
        _dir.Write("genie/20-macvlan.conf", """{"cniVersion": "0.3.1", "name": "macvlan", "type": "macvlan", "master": "eth0", "ipam": {"type": "host-local", "subnet": "198.19.50.0/24"}}""");
        _dir.Write("genie/30-bridge.conflist", """{"cniVersion": "0.4.0", "name": "bridge", "plugins": [{"type": "bridge", "bridge": "genie0", "ipam": {"type": "host-local", "subnet": "198.19.51.0/24"}}]}""");
        return Path.Join(_dir.Path, "genie");
    }

    private static string Pod(string name, string ns, string annotations) => $$$"""
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "{{{name}}}", "namespace": "{{{ns}}}", "annotations": {{{annotations}}}},
         "spec": {"containers": [{"name": "c", "image": "busybox"}]}}

        """;

    private static string Deployment(string name, string ns, string annotations) => $$$"""
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "{{{name}}}", "namespace": "{{{ns}}}"},
         "spec": {"selector": {"matchLabels": {"app": "{{{name}}}"}}, "template": {"metadata": {"labels": {"app": "{{{name}}}"}, "annotations": {{{annotations}}}},
          "spec": {"containers": [{"name": "c", "image": "busybox"}]} } } }

        """;
}
