using MultiNet.Cli.Validate;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;

namespace MultiNet.Cli.Commands;

/// <summary>Manifest files named on the command line: read them, or say which one cannot be read and why.</summary>
internal static class ManifestInput
{
    /// <summary>Scans <paramref name="paths"/> (<c>-</c> is standard input); a path that does not exist or cannot be read is an input error naming it.</summary>
    public static ManifestScan Scan(IReadOnlyList<string> paths, string? defaultNamespace, bool recursive)
    {
        try
        {
            return ManifestScanner.Scan(paths, Console.In, defaultNamespace ?? "default", recursive);
        }
        catch (CniException e) when (e.Code == CniErrorCode.IoFailure)
        {
            throw new InputException(e.Message);
        }
    }

    /// <summary>Writes the reading problems, one line each, as validate prints them.</summary>
    public static void WriteProblems(ManifestScan scan, TextWriter writer)
    {
        foreach (var p in scan.Problems)
        {
            writer.WriteLine(ProblemLine.From(p));
        }
    }
}
