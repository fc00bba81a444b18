using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;

namespace MultiNet.Kubernetes.Tests.Manifests;

public sealed class ManifestFolderErrorTests : IDisposable
{
    private readonly TempManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_SameNadInTwoFiles_FailsNamingBoth()
    {
        _dir.Write("a.yaml", SampleManifests.Bridge("twice"));
        _dir.Write("b.yaml", "---\n" + SampleManifests.Bridge("twice"));

        var act = () => ManifestFolder.Load([_dir.Path]);

        act.Should().Throw<CniException>().Which.Message.Should()
            .Contain("b.yaml\": document 1: network \"default/twice\" is already defined").And.Contain("a.yaml");
    }

    [Fact]
    public void Load_BadYaml_FailsNamingFileDocumentAndLine()
    {
        var file = _dir.Write("broken.yaml", SampleManifests.Bridge("fine") + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   namespace: y\n");

        var act = () => ManifestFolder.Load([file]);

        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.InvalidConfig);
        // Lines count from the top of the file, not of the document, so an editor can jump to them.
        error.Message.Should().StartWith($"manifest \"{file}\": document 2: line 12, column");
    }

    [Fact]
    public void Load_BadJson_FailsNamingFileAndLine()
    {
        var file = _dir.Write("bad.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": Pod\n}");

        var act = () => ManifestFolder.Load([file]);

        act.Should().Throw<CniException>().Which.Message.Should()
            .StartWith($"manifest \"{file}\": document 1: line 3, column 11: ").And.NotContain("LineNumber");
    }

    [Fact]
    public void Load_NadWithoutName_FailsNamingDocumentAndField()
    {
        var file = _dir.Write("noname.yaml", SampleManifests.Bridge("ok") + "---\n---\napiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  namespace: x\n");

        var act = () => ManifestFolder.Load([file]);

        act.Should().Throw<CniException>().WithMessage($"manifest \"{file}\": document 3: field \"metadata.name\" is required");
    }

    [Fact]
    public void Load_ConfigWrittenAsMapping_FailsNamingField()
    {
        var file = _dir.Write("obj.yaml", "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata: {name: n}\nspec:\n  config:\n    type: bridge\n");

        var act = () => ManifestFolder.Load([file]);

        act.Should().Throw<CniException>().Which.Message.Should().Contain("field \"spec.config\" must be a string, not a map");
    }

    [Fact]
    public void Load_MissingPath_FailsWithIoError()
    {
        var act = () => ManifestFolder.Load([Path.Join(_dir.Path, "absent.yaml")]);

        act.Should().Throw<CniException>().Which.Code.Should().Be(CniErrorCode.IoFailure);
    }
}
