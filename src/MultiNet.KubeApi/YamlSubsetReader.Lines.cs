namespace MultiNet.KubeApi;

/// <summary>Splitting the text into the lines that carry structure.</summary>
internal sealed partial class YamlSubsetReader
{
    /// <summary>A line that is not blank or a comment: 1-based number, indentation, text without indentation and comment.</summary>
    private readonly record struct Line(int Number, int Indent, string Text);

    private static List<Line> Significant(string[] raw)
    {
        var lines = new List<Line>();
        var content = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var text = raw[i].TrimEnd();
            var body = text.TrimStart(' ');
            var number = i + 1;
            if (body.StartsWith('\t'))
            {
                throw new FormatException($"line {number}: tabs cannot indent YAML");
            }

            body = StripComment(body);
            if (body.Length == 0 || (text.Length == body.Length && body.StartsWith('%')))
            {
                continue;
            }

            if (text.Length == body.Length && (body == "---" || body.StartsWith("--- ", StringComparison.Ordinal) || body == "..."))
            {
                if (content && body != "...")
                {
                    throw new FormatException($"line {number}: only one YAML document is supported");
                }

                continue;
            }

            content = true;
            lines.Add(new Line(number, text.Length - text.TrimStart(' ').Length, body));
        }

        return lines;
    }

    /// <summary>Cuts a <c># comment</c> that starts the text or follows whitespace, outside quoted scalars.</summary>
    private static string StripComment(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if ((c == '\\' && quote == '"') || (c == '\'' && quote == '\'' && i + 1 < text.Length && text[i + 1] == '\''))
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            var tokenStart = i == 0 || text[i - 1] is ' ' or '[' or '{' or ',' or ':';
            if (c is '"' or '\'' && tokenStart)
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || text[i - 1] == ' '))
            {
                return text[..i].TrimEnd();
            }
        }

        return text;
    }
}
