using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Install;

/// <summary>
/// A service-account folder laid out as the kubelet lays out a projected volume: the files live in a
/// timestamped folder, <c>..data</c> links to it and <c>token</c>, <c>ca.crt</c>, <c>namespace</c> link through
/// <c>..data</c>. <see cref="Rotate"/> swaps <c>..data</c> by rename, as the kubelet does.
/// </summary>
internal sealed class ServiceAccountFolder
{
    private int _generation;

    public ServiceAccountFolder(string path, string token, string ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    {
        Path = path;
        Directory.CreateDirectory(path);
        var first = WriteGeneration(token, ca);
        File.CreateSymbolicLink(System.IO.Path.Combine(path, "..data"), first);
        foreach (var name in new[] { "token", "ca.crt", "namespace" })
        {
            File.CreateSymbolicLink(System.IO.Path.Combine(path, name), System.IO.Path.Combine("..data", name));
        }
    }

    public string Path { get; }

    public const string Ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    /// <summary>New token (and CA) in a new folder, then <c>..data_tmp</c> renamed over <c>..data</c>.</summary>
    public void Rotate(string token, string ca = Ca)
    {
        var next = WriteGeneration(token, ca);
        var temp = System.IO.Path.Combine(Path, "..data_tmp");
        File.CreateSymbolicLink(temp, next);
        Shell.Check("mv", "-T", temp, System.IO.Path.Combine(Path, "..data"));
    }

    private string WriteGeneration(string token, string ca)
    {
        var name = $"..2026_11_26_00_00_0{_generation++}.{Guid.NewGuid():N}";
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "token"), token);
        File.WriteAllText(System.IO.Path.Combine(folder, "ca.crt"), ca);
        File.WriteAllText(System.IO.Path.Combine(folder, "namespace"), "kube-system");
        return name;
    }
}
