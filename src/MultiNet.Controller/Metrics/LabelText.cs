using System.Text;

namespace MultiNet.Controller.Metrics;

/// <summary>Renders <c>{a="x",b="y"}</c> with the escaping the text format wants.</summary>
internal static class LabelText
{
    /// <summary>The label set; empty string when there are no labels.</summary>
    public static string Of(IReadOnlyList<string> names, IReadOnlyList<string> values, string? extraName = null, string? extraValue = null)
    {
        if (names.Count != values.Count)
        {
            throw new ArgumentException($"expected {names.Count} label values, got {values.Count}", nameof(values));
        }

        if (names.Count == 0 && extraName is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("{");
        for (int i = 0; i < names.Count; i++)
        {
            Append(sb, names[i], values[i], i > 0);
        }

        if (extraName is not null)
        {
            Append(sb, extraName, extraValue ?? "", names.Count > 0);
        }

        return sb.Append('}').ToString();
    }

    /// <summary>Adds one more label to an already rendered set.</summary>
    public static string With(string labels, string name, string value)
    {
        var sb = new StringBuilder(labels.Length == 0 ? "{" : labels[..^1]);
        Append(sb, name, value, labels.Length > 0);
        return sb.Append('}').ToString();
    }

    private static void Append(StringBuilder sb, string name, string value, bool comma)
    {
        if (comma)
        {
            sb.Append(',');
        }

        sb.Append(name).Append("=\"");
        foreach (char c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append("\\\\"),
                '"' => sb.Append("\\\""),
                '\n' => sb.Append("\\n"),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
    }
}
