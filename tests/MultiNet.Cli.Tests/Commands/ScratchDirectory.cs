namespace MultiNet.Cli.Tests.Commands;

/// <summary>A uniquely named temporary directory for manifests and configs, deleted on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("multinetctl-").FullName;

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> (subdirectories created) and returns the full path.</summary>
    public string Write(string name, string content)
    {
        var file = System.IO.Path.Join(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
