using System.Text;
using System.Text.Json.Nodes;

namespace MultiNet.KubeApi;

/// <summary>
/// Reads the YAML that kubeconfigs are written in into <see cref="JsonNode"/>s: block mappings and sequences (also a
/// sequence at its key's indentation), plain, quoted and block scalars, flow collections and comments. Every scalar
/// becomes a string. Anchors, aliases, tags and multiple documents are refused: a kubeconfig does not need them, and
/// a general YAML stack would cost the plugin its start-up time.
/// </summary>
internal sealed partial class YamlSubsetReader
{
    private readonly string[] _raw;
    private readonly List<Line> _lines;
    private int _next;

    private YamlSubsetReader(string text)
    {
        _raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        _lines = Significant(_raw);
    }

    /// <summary>Parses one YAML document; throws <see cref="FormatException"/> naming the line on anything outside the subset.</summary>
    public static JsonNode? Parse(string text)
    {
        var reader = new YamlSubsetReader(text);
        if (reader.Peek() is not { } first)
        {
            return null;
        }

        var root = reader.ParseBlock(first.Indent);
        if (reader.Peek() is { } extra)
        {
            throw Error(extra, "unexpected content (wrong indentation?)");
        }

        return root;
    }

    private JsonNode? ParseBlock(int indent)
    {
        var line = Peek()!.Value;
        if (IsSequenceEntry(line.Text))
        {
            return ParseSequence(indent);
        }

        if (!line.Text.StartsWith('[') && !line.Text.StartsWith('{') && SplitKey(line) is not null)
        {
            return ParseMapping(indent);
        }

        _next++;
        return ScalarWithContinuation(line, line.Text, indent - 1);
    }

    private JsonArray ParseSequence(int indent)
    {
        var array = new JsonArray();
        while (Peek() is { } line && line.Indent == indent && IsSequenceEntry(line.Text))
        {
            if (line.Text == "-")
            {
                _next++;
                array.Add(Peek() is { } child && child.Indent > indent ? ParseBlock(child.Indent) : null);
                continue;
            }

            // "- key: value" opens a node at the column after the dash: re-read the rest of the line there.
            var rest = line.Text[1..].TrimStart();
            var column = indent + line.Text.Length - rest.Length;
            _lines[_next] = line with { Indent = column, Text = rest };
            array.Add(ParseBlock(column));
        }

        return array;
    }

    private JsonObject ParseMapping(int indent)
    {
        var map = new JsonObject();
        while (Peek() is { } line && line.Indent == indent && !IsSequenceEntry(line.Text))
        {
            var (key, rest) = SplitKey(line) ?? throw Error(line, "expected \"key: value\"");
            _next++;
            JsonNode? value;
            if (rest.Length == 0)
            {
                value = Peek() switch
                {
                    { } child when child.Indent > indent => ParseBlock(child.Indent),
                    { } child when child.Indent == indent && IsSequenceEntry(child.Text) => ParseSequence(indent),
                    _ => null,
                };
            }
            else if (rest[0] is '|' or '>')
            {
                value = BlockScalar(line, rest, indent);
            }
            else
            {
                value = ScalarWithContinuation(line, rest, indent);
            }

            map[key] = value;
        }

        if (Peek() is { } deeper && deeper.Indent > indent)
        {
            throw Error(deeper, "unexpected indentation");
        }

        return map;
    }

    /// <summary>A scalar or flow collection starting on <paramref name="line"/>; a plain scalar may go on over more-indented lines.</summary>
    private JsonNode? ScalarWithContinuation(Line line, string text, int parentIndent)
    {
        switch (text[0])
        {
            case '[' or '{':
                var flow = new StringBuilder(text);
                while (!FlowParser.IsBalanced(flow.ToString()) && Peek() is { } more && more.Indent > parentIndent)
                {
                    flow.Append(' ').Append(more.Text);
                    _next++;
                }

                return FlowParser.Parse(flow.ToString(), line.Number);
            case '"' or '\'':
                var (value, end) = QuotedScalar.Read(text, 0, line.Number);
                if (text[end..].Trim().Length > 0)
                {
                    throw Error(line, "unexpected text after a quoted scalar");
                }

                return JsonValue.Create(value);
            case '&' or '*' or '!':
                throw Error(line, "anchors, aliases and tags are not supported");
        }

        var plain = new StringBuilder(text);
        while (Peek() is { } more && more.Indent > parentIndent && SplitKey(more) is null && !IsSequenceEntry(more.Text))
        {
            plain.Append(' ').Append(more.Text);
            _next++;
        }

        return PlainScalar(plain.ToString());
    }

    private JsonValue BlockScalar(Line header, string indicator, int parentIndent)
    {
        var literal = indicator[0] == '|';
        var chomp = indicator.Contains('-', StringComparison.Ordinal) ? '-' : indicator.Contains('+', StringComparison.Ordinal) ? '+' : ' ';
        var content = new List<string>();
        var contentIndent = -1;
        var at = header.Number; // Line.Number is 1-based: the raw line after the header has index Number.
        for (; at < _raw.Length; at++)
        {
            var raw = _raw[at];
            var indent = raw.Length - raw.TrimStart(' ').Length;
            if (raw.Trim().Length == 0)
            {
                content.Add("");
                continue;
            }

            if (indent <= parentIndent)
            {
                break;
            }

            contentIndent = contentIndent < 0 ? indent : contentIndent;
            content.Add(raw[Math.Min(contentIndent, indent)..]);
        }

        while (_next < _lines.Count && _lines[_next].Number <= at)
        {
            _next++;
        }

        var trailing = content.Count - content.FindLastIndex(l => l.Length > 0) - 1;
        var body = content.Take(content.Count - trailing).ToList();
        var text = literal ? string.Join('\n', body) : string.Join(' ', body.Where(l => l.Length > 0));
        text += chomp switch
        {
            '-' => "",
            '+' => new string('\n', trailing + 1),
            _ => body.Count > 0 ? "\n" : "",
        };
        return JsonValue.Create(text);
    }

    private static JsonValue? PlainScalar(string text) =>
        text is "~" or "null" or "Null" or "NULL" ? null : JsonValue.Create(text);

    private static bool IsSequenceEntry(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

    /// <summary>Splits <c>key: rest</c>; null when the line is not a mapping entry.</summary>
    private static (string Key, string Value)? SplitKey(Line line)
    {
        var text = line.Text;
        if (text[0] is '"' or '\'')
        {
            var (key, end) = QuotedScalar.Read(text, 0, line.Number);
            var after = text[end..].TrimStart();
            return after.StartsWith(':') && (after.Length == 1 || after[1] == ' ') ? (key, after[1..].Trim()) : null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                return (text[..i].TrimEnd(), text[(i + 1)..].Trim());
            }
        }

        return null;
    }

    private Line? Peek() => _next < _lines.Count ? _lines[_next] : null;

    private static FormatException Error(Line line, string message) => new($"line {line.Number}: {message}");
}
