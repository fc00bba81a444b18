using System.Runtime.InteropServices;

namespace MultiNet.Attachments.Netns;

/// <summary>Linux errno values the netlink layer acts on, and their text for error messages.</summary>
internal static class Errno
{
    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int EEXIST = 17;
    internal const int ENODEV = 19;
    internal const int ENOTDIR = 20;
    internal const int EINVAL = 22;

    /// <summary>"no such device (ENODEV)": strerror's text, lowercased, with the symbolic name when it is a common one.</summary>
    internal static string Describe(int errno)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        text = text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : $"errno {errno}";
        var name = Name(errno);
        return name is null ? text : $"{text} ({name})";
    }

    private static string? Name(int errno) => errno switch
    {
        1 => "EPERM",
        ENOENT => "ENOENT",
        ESRCH => "ESRCH",
        EINTR => "EINTR",
        EAGAIN => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        16 => "EBUSY",
        EEXIST => "EEXIST",
        ENODEV => "ENODEV",
        ENOTDIR => "ENOTDIR",
        EINVAL => "EINVAL",
        34 => "ERANGE",
        95 => "EOPNOTSUPP",
        97 => "EAFNOSUPPORT",
        100 => "ENETDOWN",
        101 => "ENETUNREACH",
        105 => "ENOBUFS",
        113 => "EHOSTUNREACH",
        _ => null,
    };
}
