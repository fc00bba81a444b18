namespace MultiNet.Benchmarks;

/// <summary>Replaces the body of one <c>## </c> section of a Markdown file (up to the next <c>## </c> heading outside code fences).</summary>
internal static class ReadmeSection
{
    public const string Heading = "## Performance";

    public static void Replace(string path, string body)
    {
        var lines = File.ReadAllLines(path).ToList();
        var start = FindHeadings(lines).FirstOrDefault(i => lines[i].TrimEnd() == Heading, -1);
        if (start < 0)
        {
            throw new BenchmarkFailedException($"{path}: no \"{Heading}\" heading to fill in");
        }

        var end = FindHeadings(lines).FirstOrDefault(i => i > start, lines.Count);
        var replacement = body.TrimEnd('\n').Split('\n').ToList();
        if (end < lines.Count)
        {
            replacement.Add("");
        }

        lines.RemoveRange(start + 1, end - start - 1);
        lines.InsertRange(start + 1, replacement);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    private static IEnumerable<int> FindHeadings(List<string> lines)
    {
        var inFence = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                yield return i;
            }
        }
    }
}
