using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.NodeEndToEnd;

/// <summary>
/// Gives a test its own copy of host folders at their real paths: a fresh temp folder bind-mounted over each (the
/// folder is created first when the host has none), so containers started afterwards with those hostPath volumes,
/// the host's root they chroot into and the test acting as the runtime all see the same test folder, and the
/// machine's own content is hidden, never touched. Dispose unmounts, removes what it created and the temp folders.
/// </summary>
internal sealed class HostPathOverlay : IDisposable
{
    private readonly Dictionary<string, string> _overlays = [];
    private readonly List<string> _created = [];
    private readonly string _root;

    public HostPathOverlay(string id, IEnumerable<string> hostPaths)
    {
        _root = Directory.CreateTempSubdirectory($"mn-e2e-{id}-host-").FullName;
        try
        {
            foreach (var path in hostPaths.Distinct())
            {
                Overlay(path);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The host folders overlaid, each with the temp folder behind it.</summary>
    public IReadOnlyDictionary<string, string> Overlays => _overlays;

    public void Dispose()
    {
        foreach (var path in _overlays.Keys.Reverse())
        {
            Shell.Run("umount", path);
        }

        foreach (var dir in Enumerable.Reverse(_created))
        {
            try
            {
                Directory.Delete(dir);
            }
            catch (IOException)
            {
                // Not empty: something else put files there meanwhile; leave it.
            }
        }

        Directory.Delete(_root, recursive: true);
    }

    private void Overlay(string path)
    {
        var missing = new List<string>();
        for (var dir = path; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            missing.Add(dir);
        }

        foreach (var dir in Enumerable.Reverse(missing))
        {
            Directory.CreateDirectory(dir);
            _created.Add(dir);
        }

        var backing = Directory.CreateDirectory(Path.Combine(_root, path.Trim('/').Replace('/', '_'))).FullName;
        Shell.Check("mount", "--bind", backing, path);
        _overlays[path] = backing;
    }
}
