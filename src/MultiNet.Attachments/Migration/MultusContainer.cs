using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Migration;

/// <summary>
/// What Multus left on disk for one container: its scratch cache (<c>&lt;cniDir&gt;/&lt;containerID&gt;</c>, no extension) and
/// libcni's result files. In a folder MultiNet shares with Multus (a migrated config keeping <c>cniDir</c>) nothing of
/// ours has these names: checkpoints are <c>&lt;id&gt;.json</c>, lock and temp files start with a dot, and we have no
/// <c>results/</c>.
/// </summary>
internal sealed record MultusContainer(string ContainerId, string CniDir, string? CachePath, IReadOnlyList<string> ResultPaths)
{
    private const string CheckpointExtension = ".json";

    /// <summary>The first of the config's Multus folders holding anything for the container, or null.</summary>
    public static MultusContainer? Find(MultiNetConfig config, string containerId)
    {
        if (!CniIdentifiers.IsValidContainerId(containerId) || containerId.EndsWith(CheckpointExtension, StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var dir in config.MultusCacheDirs)
        {
            var cache = Path.Combine(dir, containerId);
            var results = MultusResultFile.PathsFor(dir, containerId);
            if (File.Exists(cache) || results.Count > 0)
            {
                return new MultusContainer(containerId, dir, File.Exists(cache) ? cache : null, results);
            }
        }

        return null;
    }

    /// <summary>
    /// Every container with a Multus scratch cache or result file in the config's Multus folders (for GC). Result files
    /// are read for their <c>containerId</c>; one that cannot be read is skipped (DEL of its container still finds it).
    /// </summary>
    public static IReadOnlySet<string> ListContainerIds(MultiNetConfig config)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in config.MultusCacheDirs.Where(Directory.Exists))
        {
            foreach (var name in Directory.EnumerateFiles(dir).Select(Path.GetFileName).OfType<string>())
            {
                if (!name.StartsWith('.') && !name.EndsWith(CheckpointExtension, StringComparison.Ordinal) && CniIdentifiers.IsValidContainerId(name))
                {
                    ids.Add(name);
                }
            }

            var results = MultusResultFile.Folder(dir);
            foreach (var path in Directory.Exists(results) ? Directory.EnumerateFiles(results) : [])
            {
                try
                {
                    ids.Add(MultusResultFile.Read(path).ContainerId);
                }
                catch (CniException)
                {
                    // Not a result cache we can use; its container's DEL removes it by name.
                }
            }
        }

        return ids;
    }

    /// <summary>Removes the scratch cache and the result files, once every attachment was torn down.</summary>
    public void Remove()
    {
        foreach (var path in ResultPaths.Append(CachePath).OfType<string>())
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CniException(CniErrorCode.Checkpoint, $"multus cache \"{path}\": cannot delete: {e.Message}");
            }
        }
    }
}
