using System.Text.RegularExpressions;

namespace MultiNet.Testing.Node;

/// <summary>The version the repository declares (<c>&lt;Version&gt;</c> in Directory.Build.props), read independently of the build.</summary>
public static partial class RepoVersion
{
    /// <summary>The declared version, e.g. <c>0.9.0</c>.</summary>
    public static string Declared { get; } = Read();

    /// <summary>True when <paramref name="commit"/> names a commit of this repository's git history.</summary>
    public static bool IsRepositoryCommit(string commit) =>
        Shell.Run("git", "-C", RepoLayout.Root, "cat-file", "-e", $"{commit}^{{commit}}").ExitCode == 0;

    private static string Read()
    {
        var props = File.ReadAllText(Path.Combine(RepoLayout.Root, "Directory.Build.props"));
        return VersionElement().Match(props) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("Directory.Build.props has no <Version>");
    }

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
