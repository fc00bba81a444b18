namespace MultiNet.Cni.Invocation;

/// <summary>
/// Where a path seen by a process chrooted into <c>root</c> is, seen from here: every symlink on the way resolved
/// the way the kernel will resolve it inside the root (an absolute target starts again at the root, ".." stops at
/// it), so a host's <c>/opt/cni/bin/x -&gt; /usr/libexec/cni/x</c> is checked at the host's file, not at ours.
/// </summary>
internal static class RootedPath
{
    private const int MaxLinks = 40; // the kernel's limit (ELOOP)

    /// <summary>The path under <paramref name="root"/> that <paramref name="path"/> names inside it; null for a symlink loop.</summary>
    public static string? Resolve(string root, string path)
    {
        var pending = new Stack<string>(Components(path).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var here = Path.Join(root, string.Join('/', resolved), part);
            if (new FileInfo(here).LinkTarget is not { } target)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var next in Components(target).Reverse())
            {
                pending.Push(next);
            }
        }

        return Path.Join(root, string.Join('/', resolved));
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");
}
