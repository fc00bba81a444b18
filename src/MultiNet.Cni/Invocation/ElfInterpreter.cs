using System.Buffers.Binary;

namespace MultiNet.Cni.Invocation;

/// <summary>
/// Reads an executable's ELF interpreter (the dynamic loader it names): exec failing with ENOENT for a file that
/// exists means that loader is missing in the root it ran in — on a host, the sign of a binary built for another libc.
/// </summary>
internal static class ElfInterpreter
{
    private const int Enoent = 2;
    private const uint ProgramHeaderInterpreter = 3;

    /// <summary>For an exec of <paramref name="program"/> that failed with <paramref name="errno"/>: why, when the file is there; else "".</summary>
    public static string ExplainMissing(int errno, string program)
    {
        if (errno != Enoent || !File.Exists(program))
        {
            return "";
        }

        return Read(program) is { } interpreter
            ? $" (the file exists: its ELF interpreter \"{interpreter}\" is missing there)"
            : " (the file exists: its interpreter is missing there)";
    }

    /// <summary>PT_INTERP of a 64-bit little-endian ELF file, or null.</summary>
    public static string? Read(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[64];
            if (file.Read(header) < 64 || !header[..4].SequenceEqual("\u007fELF"u8) || header[4] != 2 || header[5] != 1)
            {
                return null;
            }

            var offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(header[0x36..]);
            var count = BinaryPrimitives.ReadUInt16LittleEndian(header[0x38..]);
            var entry = new byte[size];
            for (var i = 0; i < count && size >= 0x28; i++)
            {
                file.Position = offset + ((long)i * size);
                file.ReadExactly(entry);
                if (BinaryPrimitives.ReadUInt32LittleEndian(entry) == ProgramHeaderInterpreter)
                {
                    var text = new byte[(int)BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(0x20))];
                    file.Position = (long)BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(8));
                    file.ReadExactly(text);
                    return System.Text.Encoding.UTF8.GetString(text).TrimEnd('\0');
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or OverflowException)
        {
            return null;
        }
    }
}
