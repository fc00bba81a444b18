using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;

namespace MultiNet.Kubernetes.Tests.Manifests;

public sealed class ManifestScannerTests : IDisposable
{
    private const string Networks = "k8s.v1.cni.cncf.io/networks";

    private readonly TempManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("apps/v1", "Deployment", "spec.template")]
    [InlineData("apps/v1", "StatefulSet", "spec.template")]
    [InlineData("apps/v1", "DaemonSet", "spec.template")]
    [InlineData("apps/v1", "ReplicaSet", "spec.template")]
    [InlineData("extensions/v1beta1", "Deployment", "spec.template")]
    [InlineData("v1", "ReplicationController", "spec.template")]
    [InlineData("batch/v1", "Job", "spec.template")]
    [InlineData("batch/v1", "CronJob", "spec.jobTemplate.spec.template")]
    [InlineData("v1", "PodTemplate", "template")]
    [InlineData("v1", "Pod", "")]
    public void Scan_WorkloadKind_FindsItsPodWithTheTemplateAnnotations(string apiVersion, string kind, string podPath)
    {
        var file = _dir.Write("w.yaml", SampleWorkloads.Workload(apiVersion, kind, "web", "team", podPath, "bridge-net@data0"));

        var scan = ManifestScanner.Scan([file]);

        scan.Problems.Should().BeEmpty();
        var pod = scan.Pods.Should().ContainSingle().Subject;
        pod.Label.Should().Be($"{kind} team/web");
        pod.PodPath.Should().Be(podPath);
        pod.PodField("metadata.annotations").Should().Be(podPath.Length == 0 ? "metadata.annotations" : $"{podPath}.metadata.annotations");
        var info = pod.ToPod();
        (info.Namespace, info.Name).Should().Be(("team", "web"));
        info.Annotations[Networks].Should().Be("bridge-net@data0");
    }

    [Theory]
    [InlineData("apps/v1", "Service")]
    [InlineData("v1", "ConfigMap")]
    [InlineData("example.com/v1", "Deployment")]
    [InlineData("k8s.cni.cncf.io/v1", "Pod")]
    public void Scan_OtherKinds_AreIgnored(string apiVersion, string kind)
    {
        var file = _dir.Write("other.yaml", SampleWorkloads.Workload(apiVersion, kind, "x", "default", "spec.template", "a"));

        var scan = ManifestScanner.Scan([file]);

        scan.Objects.Should().BeEmpty();
        scan.Problems.Should().BeEmpty();
        scan.Files.Should().Equal(file);
    }

    [Fact]
    public void Scan_MultiDocumentYaml_KeepsDocumentIndexesAndDefaultNamespace()
    {
        var file = _dir.Write("all.yaml", SampleManifests.BridgeMacvlanConflist + "\n---\n# only a comment\n");

        var scan = ManifestScanner.Scan([file], defaultNamespace: "ci");

        scan.Objects.Select(o => (o.Label, o.Document)).Should().Equal(
            ("NetworkAttachmentDefinition ci/bridge-net", 1),
            ("NetworkAttachmentDefinition team-a/macvlan-a", 2),
            ("NetworkAttachmentDefinition ci/tuned", 3),
            ("Pod ci/web", 5));
        scan.Networks.Should().HaveCount(3).And.OnlyContain(n => n.IsNetwork);
        scan.Networks.First().ToNetwork().Namespace.Should().Be("ci");
    }

    [Fact]
    public void Scan_JsonStream_ReadsEveryValueAsADocument()
    {
        var file = _dir.Write("stream.json", """
            {"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "a"}, "spec": {"config": ""}}
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "x"}}
            """);

        var scan = ManifestScanner.Scan([file]);

        scan.Problems.Should().BeEmpty();
        scan.Objects.Select(o => (o.Label, o.Document)).Should().Equal(("NetworkAttachmentDefinition default/a", 1), ("Pod x/p", 2));
    }

    [Fact]
    public void Scan_SyntaxErrorInThirdDocument_KeepsTheDocumentsBeforeItAndReportsTheLine()
    {
        var file = _dir.Write("broken.yaml", SampleManifests.Bridge("one") + "---\n" + SampleManifests.Bridge("two")
            + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   namespace: y\n");

        var scan = ManifestScanner.Scan([file]);

        scan.Objects.Select(o => o.Name).Should().Equal("one", "two");
        var problem = scan.Problems.Should().ContainSingle().Subject;
        (problem.File, problem.Document, problem.Object, problem.Field).Should().Be((file, 3, null, null));
        problem.Message.Should().StartWith("line ").And.NotContain(file);
    }

    [Fact]
    public void Scan_BadJson_ReportsTheDocumentAfterTheGoodOnes()
    {
        var file = _dir.Write("bad.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}\n{\"kind\": Pod}");

        var scan = ManifestScanner.Scan([file]);

        scan.Objects.Should().ContainSingle().Which.Name.Should().Be("a");
        scan.Problems.Should().ContainSingle().Which.Should().Match<ManifestProblem>(p => p.Document == 2 && p.Message.StartsWith("line 2, column"));
    }

    [Theory]
    [InlineData("metadata:\n  namespace: x\n", "NetworkAttachmentDefinition (unnamed)", "metadata.name", "is required")]
    [InlineData("metadata:\n  name: [a]\n", "NetworkAttachmentDefinition (unnamed)", "metadata.name", "must be a string, not a list")]
    [InlineData("metadata:\n  name: n\n  namespace: 7\n", "NetworkAttachmentDefinition n", "metadata.namespace", "must be a non-empty string")]
    [InlineData("metadata: text\n", "NetworkAttachmentDefinition (unnamed)", "metadata", "must be a map")]
    public void Scan_BadMetadata_ReportsTheFieldAndGoesOn(string metadata, string label, string field, string message)
    {
        var file = _dir.Write("meta.yaml", "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\n" + metadata
            + "---\n" + SampleManifests.Bridge("fine"));

        var scan = ManifestScanner.Scan([file]);

        scan.Problems.Should().ContainSingle().Which.Should().Be(new ManifestProblem
        {
            File = file, Document = 1, Object = label, Field = field, Message = message,
        });
        scan.Objects.Should().ContainSingle().Which.Name.Should().Be("fine");
    }

    [Fact]
    public void Scan_SameNadTwice_ReportsTheSecondNamingTheFirst()
    {
        var a = _dir.Write("a.yaml", SampleManifests.Bridge("twice"));
        var b = _dir.Write("b.yaml", "---\n" + SampleManifests.Bridge("twice"));

        var scan = ManifestScanner.Scan([_dir.Path]);

        scan.Objects.Should().ContainSingle().Which.File.Should().Be(a);
        scan.Problems.Should().ContainSingle().Which.Should().Be(new ManifestProblem
        {
            File = b, Document = 1, Object = "NetworkAttachmentDefinition default/twice", Field = "metadata.name",
            Message = $"is already defined in {a}:1",
        });
    }

    [Fact]
    public void Scan_ListItems_ReportProblemsWithTheItemPath()
    {
        var file = _dir.Write("list.yaml", """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: k8s.cni.cncf.io/v1
                kind: NetworkAttachmentDefinition
                metadata: {name: ok}
              - apiVersion: k8s.cni.cncf.io/v1
                kind: NetworkAttachmentDefinition
                metadata: {namespace: x}
            """);

        var scan = ManifestScanner.Scan([file]);

        scan.Objects.Should().ContainSingle().Which.ItemPath.Should().Be("items[0]");
        scan.Problems.Should().ContainSingle().Which.Field.Should().Be("items[1].metadata.name");
    }

    [Fact]
    public void Scan_Directory_ReadsSubdirectoriesOnlyWhenRecursive()
    {
        _dir.Write("top.yaml", SampleManifests.Bridge("top"));
        Directory.CreateDirectory(Path.Join(_dir.Path, "sub"));
        _dir.Write("sub/deep.yml", SampleManifests.Bridge("deep"));
        _dir.Write("notes.txt", SampleManifests.Bridge("ignored"));

        ManifestScanner.Scan([_dir.Path]).Objects.Select(o => o.Name).Should().Equal("top");
        ManifestScanner.Scan([_dir.Path], recursive: true).Objects.Select(o => o.Name).Should().BeEquivalentTo("top", "deep");
    }

    [Fact]
    public void Scan_MissingPath_ThrowsIoFailureNamingIt()
    {
        var missing = Path.Join(_dir.Path, "absent.yaml");

        var act = () => ManifestScanner.Scan([missing]);

        act.Should().Throw<CniException>().Where(e => e.Code == CniErrorCode.IoFailure && e.Message.Contains(missing));
    }

    [Fact]
    public void ToPod_AnnotationThatIsNotAString_ThrowsNamingTheField()
    {
        var file = _dir.Write("p.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: [a]\n");
        var pod = ManifestScanner.Scan([file]).Pods.Single();

        var act = () => pod.ToPod();

        act.Should().Throw<CniException>().WithMessage("Pod default/p: field \"metadata.annotations.k8s.v1.cni.cncf.io/networks\" must be a string*");
    }

    [Fact]
    public void ToPod_TemplateMetadataNotAMap_ThrowsNamingTheTemplateField()
    {
        var file = _dir.Write("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: oops\n");
        var pod = ManifestScanner.Scan([file]).Pods.Single();

        var act = () => pod.ToPod();

        act.Should().Throw<CniException>().WithMessage("Deployment default/d: field \"spec.template.metadata\" must be a map");
    }

    [Fact]
    public void Scan_Dash_ReadsStandardInputOnceAndNamesItStdin()
    {
        var file = _dir.Write("n.yaml", SampleManifests.Bridge("from-file"));
        using var input = new StringReader(SampleManifests.Bridge("piped") + "---\n" + SampleManifests.Bridge("piped-too"));

        var scan = ManifestScanner.Scan([file, "-", "-"], input);

        scan.Files.Should().Equal(file, ManifestScanner.StandardInputName);
        scan.Objects.Select(o => (o.File, o.Document, o.Name)).Should().Equal(
            (file, 1, "from-file"), ("<stdin>", 1, "piped"), ("<stdin>", 2, "piped-too"));
    }

    [Fact]
    public void Load_Dash_IsRefusedWithAClearMessage()
    {
        var act = () => ManifestFolder.Load(["-"]);

        act.Should().Throw<CniException>().WithMessage("manifest path \"-\": standard input is not read here*");
    }
}
