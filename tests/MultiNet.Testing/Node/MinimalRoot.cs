namespace MultiNet.Testing.Node;

/// <summary>
/// A directory that works as a root filesystem for shell-script plugins without any mount: /bin/sh (the real shell's
/// binary) and the libraries <c>ldd</c> lists for it, copied at their own paths, plus /opt/cni/bin. Removed on dispose.
/// </summary>
public sealed class MinimalRoot : IDisposable
{
    public MinimalRoot()
    {
        Path = Directory.CreateTempSubdirectory("mnroot-").FullName;
        var shell = new FileInfo("/bin/sh").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "/bin/sh";
        Copy(shell, "/bin/sh");
        foreach (var library in Libraries(shell))
        {
            Copy(library, library);
        }

        Directory.CreateDirectory(System.IO.Path.Join(Path, BinDir));
    }

    /// <summary>The CNI bin directory inside the root.</summary>
    public const string BinDir = "/opt/cni/bin";

    /// <summary>The root, seen from here.</summary>
    public string Path { get; }

    /// <summary>Where <paramref name="inside"/> (a path inside the root) is, seen from here.</summary>
    public string Here(string inside) => System.IO.Path.Join(Path, inside);

    /// <summary>Writes an executable /bin/sh script at <paramref name="inside"/>; returns that path.</summary>
    public string AddScript(string inside, string body)
    {
        var here = Here(inside);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(here)!);
        File.WriteAllText(here, "#!/bin/sh\n" + body.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(here, (UnixFileMode)0b111_101_101);
        return inside;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory is not a leak of the product.
        }
    }

    private void Copy(string from, string inside)
    {
        var to = Here(inside);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    // ldd lines: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)".
    private static IEnumerable<string> Libraries(string binary) =>
        Shell.Check("ldd", binary).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split("=>", 2)[^1].Trim().Split(' ')[0])
            .Where(path => path.StartsWith('/'));
}
