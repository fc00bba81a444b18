using Microsoft.Extensions.Logging;

namespace MultiNet.Plugin.Shim;

/// <summary>Log messages of the thick-mode shim; event ids 800–819.</summary>
internal static partial class ShimLog
{
    [LoggerMessage(800, LogLevel.Warning, "multinetd on \"{Socket}\" cannot take DEL ({Reason}): deleting from the checkpoint here")]
    public static partial void DeletingLocally(ILogger logger, string socket, string reason);
}
