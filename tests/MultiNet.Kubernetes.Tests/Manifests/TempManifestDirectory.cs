namespace MultiNet.Kubernetes.Tests.Manifests;

/// <summary>A uniquely named temporary directory of manifest files, deleted on dispose.</summary>
internal sealed class TempManifestDirectory : IDisposable
{
    public TempManifestDirectory()
    {
        Path = Directory.CreateTempSubdirectory("multinet-manifests-").FullName;
    }

    public string Path { get; }

    public string Write(string fileName, string content)
    {
        var file = System.IO.Path.Join(Path, fileName);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
