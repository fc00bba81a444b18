using System.Globalization;
using System.Text;

namespace MultiNet.KubeApi;

/// <summary>Reads YAML single- and double-quoted scalars (one line), with the escapes YAML defines.</summary>
internal static class QuotedScalar
{
    /// <summary>Reads the scalar starting at <paramref name="start"/> (on its quote); returns it and the index after the closing quote.</summary>
    public static (string Value, int End) Read(string text, int start, int lineNumber)
    {
        var quote = text[start];
        var value = new StringBuilder();
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\'' && c == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i++;
                    continue;
                }

                return (value.ToString(), i + 1);
            }

            if (quote == '"' && c == '"')
            {
                return (value.ToString(), i + 1);
            }

            if (quote == '"' && c == '\\')
            {
                i = Escape(text, i + 1, value, lineNumber);
                continue;
            }

            value.Append(c);
        }

        throw new FormatException($"line {lineNumber}: unterminated quoted scalar");
    }

    private static int Escape(string text, int at, StringBuilder value, int lineNumber)
    {
        if (at >= text.Length)
        {
            throw new FormatException($"line {lineNumber}: unterminated escape in a quoted scalar");
        }

        var simple = text[at] switch
        {
            '0' => "\0",
            'a' => "\a",
            'b' => "\b",
            't' or '\t' => "\t",
            'n' => "\n",
            'v' => "\v",
            'f' => "\f",
            'r' => "\r",
            'e' => "\u001b",
            ' ' => " ",
            '"' => "\"",
            '/' => "/",
            '\\' => "\\",
            'N' => "\u0085",
            '_' => "\u00a0",
            'L' => "\u2028",
            'P' => "\u2029",
            _ => null,
        };
        if (simple is not null)
        {
            value.Append(simple);
            return at;
        }

        var digits = text[at] switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (digits == 0 || at + digits >= text.Length
            || !int.TryParse(text.AsSpan(at + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw new FormatException($"line {lineNumber}: invalid escape \"\\{text[at]}\" in a quoted scalar");
        }

        value.Append(char.ConvertFromUtf32(code));
        return at + digits;
    }
}
