namespace MultiNet.Cli.Output;

/// <summary>Columns padded to their widest cell, two spaces apart, the last one unpadded: what kubectl prints.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells print as empty.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the header and the rows.</summary>
    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => Cell(r, i).Length).DefaultIfEmpty(0).Max())).ToArray();
        foreach (var row in _rows.Prepend(headers))
        {
            var cells = Enumerable.Range(0, headers.Length)
                .Select(i => i == headers.Length - 1 ? Cell(row, i) : Cell(row, i).PadRight(widths[i]));
            writer.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    private static string Cell(string[] row, int index) => index < row.Length ? row[index] : "";
}
