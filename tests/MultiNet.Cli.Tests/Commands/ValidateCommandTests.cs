using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing.Node;
using static MultiNet.Cli.Tests.Commands.ValidateManifests;

namespace MultiNet.Cli.Tests.Commands;

/// <summary><c>multinetctl validate</c> through the published binary, as a CI pipeline runs it.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private const string Annotation = "metadata.annotations[\"k8s.v1.cni.cncf.io/networks\"]";

    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Validate_RepositoryExamples_Exits0WithoutALine()
    {
        var run = Multinetctl.Run("validate", RepoLayout.Examples);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain("0 error(s), 0 warning(s)");
    }

    [Fact]
    public void Validate_FolderWithKnownProblems_PrintsExactlyOneLinePerProblemAndExits1()
    {
        var nads = _dir.Write("a-networks.yaml", string.Join("---\n",
            Nad("Bad_Name", Macvlan("Bad_Name")),
            Nad("renamed", Macvlan("other-name")),
            Nad("no-type", """{"cniVersion":"1.0.0","name":"no-type","plugins":[{"type":"bridge"},{"mtu":1400}]}"""),
            Nad("plain", Macvlan("plain"))));
        var workloads = _dir.Write("b-workloads.yaml", string.Join("---\n",
            Pod("lost", "plain, missing"),
            Deployment("web", "plain@net1, plain@net1"),
            CronJob("nightly", """[{"name": "plain", "mac": "02:00:00:00:00:01"}]""")));
        var broken = _dir.Write("c-broken.yaml", Nad("fine", Macvlan("fine")) + "---\nkind: Pod\napiVersion: v1\nmetadata:\n  name: x\n   bad: indent\n");

        var run = Multinetctl.Run("validate", _dir.Path);

        run.ExitCode.Should().Be(1, run.ToString());
        Lines(run.Stdout).Select(Prefix).Should().Equal(
            $"{nads}:1: NetworkAttachmentDefinition default/Bad_Name: metadata.name",
            $"{nads}:2: NetworkAttachmentDefinition default/renamed: warning: spec.config.name",
            $"{nads}:3: NetworkAttachmentDefinition default/no-type: spec.config.plugins[1].type",
            $"{workloads}:1: Pod default/lost: {Annotation}[1].name",
            $"{workloads}:2: Deployment default/web: spec.template.{Annotation}[1].interface",
            $"{workloads}:3: CronJob default/nightly: spec.jobTemplate.spec.template.{Annotation}[0].mac",
            $"{broken}:2");
        Lines(run.Stdout).Should().Contain(
            $"{workloads}:1: Pod default/lost: {Annotation}[1].name: network attachment definition \"default/missing\" does not exist; create it in namespace \"default\" or fix the name");
        Lines(run.Stdout)[^1].Should().StartWith($"{broken}:2: line 13, column ", "lines count from the top of the file");
        run.Stderr.Should().Contain("8 object(s) in 3 file(s): 6 error(s), 1 warning(s)");
    }

    [Fact]
    public void Validate_JsonOutput_GivesReasonAndFieldOfEachProblem()
    {
        var file = _dir.Write("p.yaml", Nad("plain", Macvlan("plain")) + "---\n" + Pod("p", """[{"name": "plain", "ips": ["198.19.8.9/24"]}]"""));

        var run = Multinetctl.Run("validate", "-o", "json", file);

        run.ExitCode.Should().Be(1, run.ToString());
        var report = JsonNode.Parse(run.Stdout)!.AsObject();
        ((bool)report["passed"]!).Should().BeFalse();
        ((int)report["objects"]!).Should().Be(2);
        var problem = report["problems"]!.AsArray().Should().ContainSingle().Subject!;
        ((string)problem["reason"]!).Should().Be("CapabilityNotDeclared");
        ((string)problem["field"]!).Should().Be($"{Annotation}[0].ips");
        ((string)problem["severity"]!).Should().Be("error");
        ((string)problem["object"]!).Should().Be("Pod default/p");
        ((int)problem["document"]!).Should().Be(2);
    }

    [Fact]
    public void Validate_OnlyWarnings_Exits0ButStrictExits1()
    {
        var file = _dir.Write("w.yaml", Nad("renamed", Macvlan("other-name")));

        var lenient = Multinetctl.Run("validate", file);
        var strict = Multinetctl.Run("validate", "--strict", file);

        lenient.ExitCode.Should().Be(0, lenient.ToString());
        Lines(lenient.Stdout).Should().ContainSingle().Which.Should().StartWith($"{file}:1: NetworkAttachmentDefinition default/renamed: warning: ");
        strict.ExitCode.Should().Be(1, strict.ToString());
        strict.Stdout.Should().Be(lenient.Stdout);
    }

    [Fact]
    public void Validate_NadsFromNetworksOption_CountAsExistingWithoutBeingChecked()
    {
        var pods = _dir.Write("pods/p.yaml", Pod("p", "elsewhere"));
        var networks = _dir.Write("cluster/n.yaml", Nad("elsewhere", Macvlan("another-name")));

        var without = Multinetctl.Run("validate", pods);
        var with = Multinetctl.Run("validate", pods, "--networks", networks);

        without.ExitCode.Should().Be(1, without.ToString());
        without.Stdout.Should().Contain("\"default/elsewhere\" does not exist");
        with.ExitCode.Should().Be(0, with.ToString());
        with.Stdout.Should().BeEmpty("the --networks NAD's own name mismatch is not reported");
    }

    [Fact]
    public void Validate_NamespaceIsolation_RefusesANetworkOfAnotherNamespaceUnlessGlobal()
    {
        var file = _dir.Write("iso.yaml", Nad("shared", Macvlan("shared"), ns: "infra") + "---\n" + Pod("p", "infra/shared", ns: "team"));

        var open = Multinetctl.Run("validate", file);
        var isolated = Multinetctl.Run("validate", "--namespace-isolation", file);
        var global = Multinetctl.Run("validate", "--namespace-isolation", "--global-namespaces", "default,infra", file);

        open.ExitCode.Should().Be(0, open.ToString());
        open.Stdout.Should().Contain(": warning: ").And.Contain("namespaceIsolation is off");
        isolated.ExitCode.Should().Be(1, isolated.ToString());
        Lines(isolated.Stdout).Should().ContainSingle().Which.Should()
            .StartWith($"{file}:2: Pod team/p: {Annotation}[0].namespace: ").And.Contain("namespaceIsolation is on");
        global.ExitCode.Should().Be(0, global.ToString());
        global.Stdout.Should().BeEmpty();
    }

    [Fact]
    public void Validate_NamespaceOption_AppliesToObjectsWithoutOne()
    {
        var file = _dir.Write("ns.yaml", Nad("n", Macvlan("n"), ns: "ci") + "---\n"
            + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: n\n");

        var defaulted = Multinetctl.Run("validate", file);
        var inCi = Multinetctl.Run("validate", "-n", "ci", file);

        defaulted.ExitCode.Should().Be(1, defaulted.ToString());
        defaulted.Stdout.Should().Contain("Pod default/p").And.Contain("\"default/n\" does not exist");
        inCi.ExitCode.Should().Be(0, inCi.ToString());
    }

    [Fact]
    public void Validate_JsonStreamFile_IsCheckedLikeYaml()
    {
        var file = _dir.Write("stream.json", """
            {"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "ok"}, "spec": {"config": ""}}
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "annotations": {"k8s.v1.cni.cncf.io/networks": "ok, nope"}}}
            """);

        var run = Multinetctl.Run("validate", file);

        run.ExitCode.Should().Be(1, run.ToString());
        Lines(run.Stdout).Select(Prefix).Should().Equal(
            $"{file}:1: NetworkAttachmentDefinition default/ok: warning: spec.config",
            $"{file}:2: Pod default/p: {Annotation}[1].name");
    }

    [Fact]
    public void Validate_StandardInput_IsReadAsAStreamNamedStdin()
    {
        var nad = _dir.Write("n.yaml", Nad("plain", Macvlan("plain")));
        var rendered = Nad("other", Macvlan("other")) + "---\n" + Deployment("web", "plain, absent");

        var run = Multinetctl.RunWithInput(rendered, "validate", "-", "--networks", nad);

        run.ExitCode.Should().Be(1, run.ToString());
        Lines(run.Stdout).Select(Prefix).Should().Equal($"<stdin>:2: Deployment default/web: spec.template.{Annotation}[1].name");
    }

    [Theory]
    [InlineData("missing.yaml", "no such file or directory")]
    [InlineData("empty-dir", "no *.yaml, *.yml or *.json files")]
    public void Validate_PathThatCannotBeRead_Exits2NamingIt(string name, string reason)
    {
        Directory.CreateDirectory(Path.Join(_dir.Path, "empty-dir"));
        var path = Path.Join(_dir.Path, name);

        var run = Multinetctl.Run("validate", path);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain(path).And.Contain(reason).And.NotContain("usage:");
    }

    [Theory]
    [InlineData(new[] { "validate" }, "give the manifest files")]
    [InlineData(new[] { "validate", "x.yaml", "--bogus" }, "unknown option \"--bogus\"")]
    [InlineData(new[] { "validate", "x.yaml", "-o", "yaml" }, "--output \"yaml\": expected text or json")]
    public void Validate_BadCommandLine_Exits2WithTheUsage(string[] args, string message)
    {
        var run = Multinetctl.Run(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain(message).And.Contain("usage:").And.Contain("multinetctl validate FILE|DIR...");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("explain")]
    [InlineData("status")]
    public void Help_OfEachCommand_Exits0DescribingOptionsAndExitStatus(string command)
    {
        var run = Multinetctl.Run(command, "--help");
        var overview = Multinetctl.Run("--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().StartWith($"multinetctl {command} ").And.Contain("exit status:").And.Contain("-o, --output");
        overview.ExitCode.Should().Be(0);
        overview.Stdout.Should().Contain($"  {command} ");
    }

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // file:doc: object: [warning: ]field — the part that does not depend on how a rule words its message.
    private static string Prefix(string line)
    {
        var parts = line.Split(": ");
        var take = parts.Length > 1 && parts[1].StartsWith("line ", StringComparison.Ordinal) ? 1 : parts[2] == "warning" ? 4 : 3;
        return string.Join(": ", parts.Take(take));
    }
}
