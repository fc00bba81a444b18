using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.CniConfig;

/// <summary>A node's CNI folders under a fresh temp root: etc/cni/net.d, opt/cni/bin, run/multinet. Deleted on dispose.</summary>
internal sealed class NodeFolders : IDisposable
{
    public NodeFolders()
    {
        Root = Path.Combine(Path.GetTempPath(), $"multinet-node-{Guid.NewGuid():N}");
        Directory.CreateDirectory(ConfDir);
        Directory.CreateDirectory(BinDir);
        Directory.CreateDirectory(SocketDir);
    }

    public string Root { get; }

    public string ConfDir => Path.Combine(Root, "etc", "cni", "net.d");

    public string BinDir => Path.Combine(Root, "opt", "cni", "bin");

    public string SocketDir => Path.Combine(Root, "run", "multinet");

    public string Generated => Path.Combine(ConfDir, "00-multinet.conflist");

    /// <summary>Writes <paramref name="content"/> as <paramref name="name"/> in the config folder; returns the path.</summary>
    public string WriteConfig(string name, string content)
    {
        var path = Path.Combine(ConfDir, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A conflist of plugins given as JSON objects.</summary>
    public static string Conflist(string name, string cniVersion, params string[] plugins) =>
        $$"""{"cniVersion": "{{cniVersion}}", "name": "{{name}}", "plugins": [{{string.Join(", ", plugins)}}]}""";

    /// <summary>A single-plugin conf.</summary>
    public static string Conf(string name, string cniVersion, string type = "bridge") =>
        $$"""{"cniVersion": "{{cniVersion}}", "name": "{{name}}", "type": "{{type}}", "bridge": "cni0"}""";

    public CniConfigOptions Options(CniConfigMode mode = CniConfigMode.Thick) => new()
    {
        ConfDir = ConfDir,
        SocketDir = SocketDir,
        Mode = mode,
        KubeconfigPath = mode == CniConfigMode.Thin ? Path.Combine(ConfDir, "multinet.d", "multinet.kubeconfig") : null,
    };

    /// <summary>Files in the config folder whose name says a writer left them (none may stay).</summary>
    public IEnumerable<string> TempFiles() =>
        Directory.EnumerateFiles(Root, "*multinet-tmp*", SearchOption.AllDirectories);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
