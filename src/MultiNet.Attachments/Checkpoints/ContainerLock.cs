using System.Runtime.InteropServices;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Checkpoints;

/// <summary>
/// One operation on a container at a time, across processes: an exclusive <c>flock</c> on
/// <c>&lt;cniDir&gt;/.&lt;containerId&gt;.lock</c>, held for the whole ADD, DEL or CHECK. Thin-mode plugins, the daemon, the
/// shim's own DEL and GC all take it, so a DEL the runtime sends while an ADD is still running (containerd does after an
/// ADD timeout) waits for the ADD and then removes what it attached. The file holds no state and is removed on release,
/// so nothing is left behind between operations; a waiter that finds its file unlinked opens a new one.
/// </summary>
public sealed partial class ContainerLock : IDisposable
{
    /// <summary>How long an operation waits for another one on the same container before it gives up (code 11).</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(120);

    private const int ORdWr = 2;
    private const int OCreat = 0x40;
    private const int OCloexec = 0x80000;
    private const int LockEx = 2;
    private const int LockNb = 4;
    private const int EWouldBlock = 11;
    private const int EIntr = 4;
    private const int FileMode0600 = 0x180;
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(5);

    private int _fd;

    private ContainerLock(string path, int fd)
    {
        Path = path;
        _fd = fd;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The lock file of a container in a store.</summary>
    public static string PathFor(CheckpointStore store, string containerId) =>
        System.IO.Path.Combine(store.Directory, $".{containerId}.lock");

    /// <summary>
    /// Waits for the container's lock (creating cniDir and the file as needed). Throws 104 when the file cannot be
    /// created (the checkpoint could not be written either) and 11 when another operation holds it longer than
    /// <paramref name="wait"/>.
    /// </summary>
    public static async Task<ContainerLock> AcquireAsync(CheckpointStore store, string containerId, TimeSpan wait, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var path = PathFor(store, containerId);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var held = TryLock(store, containerId, path, createDirectory: true);
            if (held is not null)
            {
                return held;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new CniException(CniErrorCode.TryAgainLater,
                    $"container \"{containerId}\": another operation on it is still running after {wait.TotalSeconds:0} s (lock \"{path}\")");
            }

            await Task.Delay(s_poll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The lock if nobody holds it, else null (never waits, never creates cniDir): for GC, which leaves busy containers alone.</summary>
    public static ContainerLock? TryAcquire(CheckpointStore store, string containerId)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Directory.Exists(store.Directory) ? TryLock(store, containerId, PathFor(store, containerId), createDirectory: false) : null;
    }

    /// <summary>The container ids that have a lock file (a live operation, or one killed before it could remove it).</summary>
    public static IReadOnlyList<string> ListLockedIds(CheckpointStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Directory.Exists(store.Directory)
            ? [.. Directory.EnumerateFiles(store.Directory, ".*.lock").Select(f => System.IO.Path.GetFileName(f)[1..^".lock".Length])]
            : [];
    }

    /// <summary>Removes the lock file, then releases the lock.</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0)
        {
            return;
        }

        try
        {
            // Unlinked while still locked: a waiter then sees its file deleted and opens a new one.
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a left lock file holds no state; the next operation on the container removes it.
        }
        finally
        {
            _ = close(fd);
        }
    }

    private static ContainerLock? TryLock(CheckpointStore store, string containerId, string path, bool createDirectory)
    {
        if (createDirectory)
        {
            try
            {
                Directory.CreateDirectory(store.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CannotCreate(store, containerId, path, e.Message);
            }
        }

        var fd = open(path, ORdWr | OCloexec | OCreat, FileMode0600);
        if (fd < 0)
        {
            throw CannotCreate(store, containerId, path, Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        int result;
        do
        {
            result = flock(fd, LockEx | LockNb);
        }
        while (result != 0 && Marshal.GetLastPInvokeError() == EIntr);

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = close(fd);
            return errno == EWouldBlock ? null : throw CannotCreate(store, containerId, path, Marshal.GetPInvokeErrorMessage(errno));
        }

        // The holder before us may have unlinked the file while we waited on it: then this lock guards nothing.
        if (IsUnlinked(fd))
        {
            _ = close(fd);
            return null;
        }

        return new ContainerLock(path, fd);
    }

    private static bool IsUnlinked(int fd)
    {
        try
        {
            var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            return target is not null && target.EndsWith(" (deleted)", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // no /proc to ask: the lock still excludes every other holder of this file
        }
    }

    private static CniException CannotCreate(CheckpointStore store, string containerId, string path, string reason) =>
        new(CniErrorCode.Checkpoint, $"checkpoint \"{store.PathFor(containerId)}\": cannot write its lock file \"{path}\": {reason}");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
