namespace MultiNet.Daemon.Tests.Install;

/// <summary>Shell scripts standing in for the multinet binary in install tests: one that answers VERSION, others that cannot.</summary>
internal static class FakePluginScript
{
    /// <summary>Reads the request and prints a CNI version result, as a working plugin does.</summary>
    public const string AnswersVersion = """
        cat >/dev/null
        echo '{"cniVersion":"1.1.0","supportedVersions":["0.4.0","1.0.0","1.1.0"]}'
        """;

    /// <summary>What the dynamic loader does on a host whose glibc is too old: a message on stderr, exit 1.</summary>
    public const string GlibcTooOld = """
        echo "$0: /lib/x86_64-linux-gnu/libc.so.6: version \`GLIBC_2.34' not found (required by $0)" >&2
        exit 1
        """;

    /// <summary>Writes <c>#!/bin/sh</c> and <paramref name="body"/> to <paramref name="path"/>, mode 0755; returns the path.</summary>
    public static string Write(string path, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }
}
