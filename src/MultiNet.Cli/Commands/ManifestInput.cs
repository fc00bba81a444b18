using MultiNet.Cli.Validate;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;

namespace MultiNet.Cli.Commands;

/// <summary>Manifest files named on the command line: read them, or say which one cannot be read and why.</summary>
internal static class ManifestInput
{
    /// <summary>Scans <paramref name="paths"/>; a path that does not exist or cannot be read is a usage error naming it.</summary>
    public static ManifestScan Scan(IReadOnlyList<string> paths, string? defaultNamespace, bool recursive)
    {
        try
        {
            return ManifestScanner.Scan(paths, defaultNamespace ?? "default", recursive);
        }
        catch (CniException e) when (e.Code == CniErrorCode.IoFailure)
        {
            throw new InputException(e.Message);
        }
    }

    /// <summary>The reading problems of <paramref name="scan"/> as validate lines.</summary>
    public static IEnumerable<ProblemLine> Lines(ManifestScan scan) => scan.Problems.Select(p => new ProblemLine
    {
        File = p.File,
        Document = p.Document,
        Object = p.Object,
        Field = p.Field,
        Message = p.Message,
        Reason = p.Object is null ? "syntax" : "metadata",
    });

    /// <summary>Writes the reading problems, one line each.</summary>
    public static void WriteProblems(ManifestScan scan, TextWriter writer)
    {
        foreach (var line in Lines(scan))
        {
            writer.WriteLine(line.ToString());
        }
    }
}
