using System.Text.Json.Nodes;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Cli.Commands;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cli.Migrate.Rollback;

/// <summary>
/// Hands every pod MultiNet attached over to Multus: for each checkpoint in MultiNet's <c>cniDir</c>, under the container's
/// lock, writes the files Multus needs to delete that pod itself (<see cref="MultusCacheExport"/>; files 0600 in folders
/// 0700, each written to a temp file and renamed), then removes the checkpoint, so that exactly one record of the pod
/// remains, in Multus's format, which Multus's DEL and MultiNet's alike delete from. A container Multus already has a
/// scratch cache for, or one an operation is running on, is left alone.
/// </summary>
internal sealed class MultusCacheWriter(string cniDir, string multusCniDir)
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>One line per container: <c>written</c>, <c>skipped</c> (nothing to do) or <c>failed</c>, and what or why.</summary>
    public IReadOnlyList<(string ContainerId, string Outcome, string Message)> WriteAll()
    {
        if (!Directory.Exists(cniDir))
        {
            throw new InputException($"--cni-dir \"{cniDir}\": no such folder (MultiNet's checkpoints)");
        }

        var store = new CheckpointStore(cniDir);
        var lines = new List<(string, string, string)>();
        foreach (var id in store.ListContainerIds().Order(StringComparer.Ordinal))
        {
            lines.Add(WriteOne(store, id));
        }

        return lines;
    }

    private (string, string, string) WriteOne(CheckpointStore store, string id)
    {
        using var held = ContainerLock.TryAcquire(store, id);
        if (held is null)
        {
            return (id, "skipped", "an operation is running on this container; run again");
        }

        Checkpoint? checkpoint;
        try
        {
            checkpoint = store.Read(id);
        }
        catch (CniException e)
        {
            return (id, "failed", e.Message);
        }

        var scratch = Path.Join(multusCniDir, id);
        if (checkpoint is null)
        {
            return (id, "skipped", "the checkpoint went away (the pod was deleted meanwhile)");
        }

        if (File.Exists(scratch))
        {
            return (id, "skipped", $"\"{scratch}\" exists already (Multus attached this container)");
        }

        var results = Path.Join(multusCniDir, "results");
        Directory.CreateDirectory(results, FolderMode);
        var count = 0;
        foreach (var (name, content) in MultusCacheExport.ResultFiles(checkpoint))
        {
            Write(Path.Join(results, name), content);
            count++;
        }

        // The scratch cache last: Multus finds the pod complete or not at all. Then the pod has one record only.
        Write(scratch, MultusCacheExport.ScratchCache(checkpoint));
        try
        {
            store.Delete(id);
        }
        catch (CniException e)
        {
            return (id, "failed", $"\"{scratch}\" written, but the checkpoint stays: {e.Message}");
        }

        return (id, "written", $"\"{scratch}\": {checkpoint.Plan.Attachments.Count} attachment(s), {count} result file(s); checkpoint removed");
    }

    private static void Write(string path, JsonNode content)
    {
        var temp = Path.Join(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.multinetctl.tmp");
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = System.IO.FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = FileMode,
            }))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(content.ToJsonString()));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new InputException($"\"{path}\": cannot write: {e.Message}");
        }
    }
}
