using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Invocation;

/// <summary>Finds a plugin binary by its <c>type</c> in an ordered list of directories.</summary>
public sealed class PluginLocator
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private readonly IReadOnlyList<string> _dirs;
    private readonly ChrootLauncher? _root;

    /// <summary>Creates a locator over <paramref name="dirs"/>, searched in order.</summary>
    public PluginLocator(IReadOnlyList<string> dirs)
        : this(dirs, null)
    {
    }

    /// <summary>
    /// Creates a locator over <paramref name="dirs"/>, searched in order inside <paramref name="root"/>'s root when given:
    /// the paths it returns are paths inside that root, the files it checks are the ones there.
    /// </summary>
    public PluginLocator(IReadOnlyList<string> dirs, ChrootLauncher? root)
    {
        ArgumentNullException.ThrowIfNull(dirs);
        _dirs = dirs;
        _root = root;
    }

    /// <summary>
    /// The path of the first executable regular file named <paramref name="type"/>. A type that is empty or holds
    /// '/', '\' or ".." is refused, and a type found nowhere is an error (both code 7).
    /// </summary>
    public string Find(string type)
    {
        if (string.IsNullOrEmpty(type)
            || type.AsSpan().IndexOfAny('/', '\\') >= 0
            || type.Contains("..", StringComparison.Ordinal))
        {
            throw new CniException(
                CniErrorCode.InvalidConfig,
                $"field \"type\": \"{type}\" is not a plugin name (it may not be empty or contain '/', '\\' or \"..\")");
        }

        foreach (var dir in _dirs)
        {
            if (string.IsNullOrEmpty(dir))
            {
                continue;
            }

            var path = Path.Combine(dir, type);
            if ((_root is null ? path : _root.HostPath(path)) is { } here && IsExecutableFile(here))
            {
                return path;
            }
        }

        throw new CniException(
            CniErrorCode.InvalidConfig,
            $"failed to find plugin \"{type}\" in path [{string.Join(' ', _dirs)}]{(_root is null ? "" : $" inside root \"{_root.Root}\"")}");
    }

    private static bool IsExecutableFile(string path)
    {
        // File.Exists follows symlinks and is false for directories.
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            return (File.GetUnixFileMode(path) & AnyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
