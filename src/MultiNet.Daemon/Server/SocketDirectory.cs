using MultiNet.Attachments.Forwarding;
using MultiNet.Daemon.Configuration;

namespace MultiNet.Daemon.Server;

/// <summary>The socket's directory (0700, root only) and the socket in it (0600).</summary>
internal static class SocketDirectory
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the directory (and parents) 0700, or narrows an existing one to 0700; removes a stale socket. Returns the socket path.</summary>
    public static string Prepare(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory, DirectoryMode);
            File.SetUnixFileMode(directory, DirectoryMode);
            var socket = Path.Combine(directory, ForwardedCniRequest.SocketFileName);
            if (File.Exists(socket) || Directory.Exists(socket))
            {
                // A socket a previous run left: nobody can be listening on it now that we are starting.
                File.Delete(socket);
            }

            return socket;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonConfigException($"field \"socketDir\": cannot prepare \"{directory}\": {e.Message}");
        }
    }

    /// <summary>Narrows the socket to its owner once Kestrel created it.</summary>
    public static void Protect(string socket) => File.SetUnixFileMode(socket, SocketMode);
}
