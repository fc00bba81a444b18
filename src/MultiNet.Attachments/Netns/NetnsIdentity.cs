using System.Buffers.Binary;

namespace MultiNet.Attachments.Netns;

/// <summary>
/// Which file a netns path names: <c>&lt;device major&gt;:&lt;minor&gt;:&lt;inode&gt;</c> (statx). A network namespace
/// is one inode of nsfs, whether reached through <c>/proc/&lt;pid&gt;/ns/net</c> or a bind mount in
/// <c>/var/run/netns</c>. An ADD records it, so a later GC can tell the pod's namespace from another one that reuses
/// the path (a recycled <c>/proc/&lt;pid&gt;/ns/net</c>) before it goes in.
/// </summary>
public static class NetnsIdentity
{
    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none.</summary>
    public static string? Of(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[LinuxInterop.StatxSize];
        try
        {
            if (LinuxInterop.statx(LinuxInterop.AtFdCwd, path, 0, LinuxInterop.StatxIno, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null; // glibc before 2.28 has no statx: GC then only frees addresses, as the spec allows
        }

        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer[LinuxInterop.StatxInoOffset..]);
        var major = BinaryPrimitives.ReadUInt32LittleEndian(buffer[LinuxInterop.StatxDevMajorOffset..]);
        var minor = BinaryPrimitives.ReadUInt32LittleEndian(buffer[LinuxInterop.StatxDevMinorOffset..]);
        return FormattableString.Invariant($"{major}:{minor}:{inode}");
    }
}
