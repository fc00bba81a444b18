using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Netns;

/// <summary>
/// Runs synchronous work inside a network namespace on a thread of its own.
/// </summary>
/// <remarks>
/// setns(2) moves only the calling thread, so the work gets a fresh thread that enters the namespace, runs,
/// and leaves in <c>finally</c>. The thread ends with the call: one that failed to leave is never reused,
/// and no pool thread ever runs in a pod's namespace. Starting a thread costs tens of microseconds, which a
/// CNI call does not notice.
/// </remarks>
internal static class NamespaceThread
{
    private const string OwnNamespace = "/proc/thread-self/ns/net";

    /// <summary>Runs <paramref name="work"/> inside the netns at <paramref name="netnsPath"/> and returns its result or rethrows its exception.</summary>
    public static T Run<T>(string netnsPath, Func<T> work)
    {
        ArgumentException.ThrowIfNullOrEmpty(netnsPath);
        ArgumentNullException.ThrowIfNull(work);

        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = EnterRunLeave(netnsPath, work);
                }
#pragma warning disable CA1031 // every failure is handed back to the caller's thread and rethrown there
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "multinet-netns",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static T EnterRunLeave<T>(string netnsPath, Func<T> work)
    {
        var original = OpenNamespace(OwnNamespace, CniErrorCode.IoFailure);
        try
        {
            Enter(netnsPath);
            try
            {
                return work();
            }
            finally
            {
                // A failure to return is not reported: the thread ends right after this call, so nothing
                // else ever runs in the wrong namespace, and the work's own outcome stays the answer.
                _ = LinuxInterop.setns(original, LinuxInterop.CloneNewNet);
            }
        }
        finally
        {
            _ = LinuxInterop.close(original);
        }
    }

    private static void Enter(string netnsPath)
    {
        var target = OpenNamespace(netnsPath, CniErrorCode.UnknownContainer);
        try
        {
            if (LinuxInterop.setns(target, LinuxInterop.CloneNewNet) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                var reason = errno == Errno.EINVAL ? "not a network namespace" : Errno.Describe(errno);
                throw new CniException(CniErrorCode.UnknownContainer, $"netns \"{netnsPath}\": cannot enter: {reason}");
            }
        }
        finally
        {
            _ = LinuxInterop.close(target);
        }
    }

    private static int OpenNamespace(string path, CniErrorCode code)
    {
        var fd = LinuxInterop.open(path, LinuxInterop.OReadOnly | LinuxInterop.OCloexec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is not (Errno.ENOENT or Errno.ENOTDIR))
            {
                code = CniErrorCode.IoFailure;
            }

            throw new CniException(code, $"netns \"{path}\": {Errno.Describe(errno)}");
        }

        return fd;
    }
}
