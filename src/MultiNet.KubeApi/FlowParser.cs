using System.Text.Json.Nodes;

namespace MultiNet.KubeApi;

/// <summary>Reads YAML flow collections (<c>[a, "b"]</c>, <c>{k: v}</c>, and JSON) into <see cref="JsonNode"/>s; scalars become strings.</summary>
internal sealed class FlowParser
{
    private readonly string _text;
    private readonly int _lineNumber;
    private int _at;

    private FlowParser(string text, int lineNumber) => (_text, _lineNumber) = (text, lineNumber);

    public static JsonNode? Parse(string text, int lineNumber)
    {
        var parser = new FlowParser(text, lineNumber);
        var node = parser.Value();
        parser.SkipSpace();
        if (parser._at != text.Length)
        {
            throw parser.Error("unexpected text after a flow collection");
        }

        return node;
    }

    /// <summary>True when every bracket opened outside quotes is closed.</summary>
    public static bool IsBalanced(string text)
    {
        var depth = 0;
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
        }

        return depth <= 0;
    }

    private JsonNode? Value()
    {
        SkipSpace();
        if (_at >= _text.Length)
        {
            throw Error("unexpected end of a flow collection");
        }

        return _text[_at] switch
        {
            '[' => Sequence(),
            '{' => Mapping(),
            '"' or '\'' => JsonValue.Create(Quoted()),
            _ => Plain(isKey: false) is { } plain && plain is not ("~" or "null" or "Null" or "NULL") ? JsonValue.Create(plain) : null,
        };
    }

    private JsonArray Sequence()
    {
        var array = new JsonArray();
        _at++;
        while (true)
        {
            SkipSpace();
            if (Take(']'))
            {
                return array;
            }

            array.Add(Value());
            SkipSpace();
            if (!Take(','))
            {
                return Take(']') ? array : throw Error("expected ',' or ']'");
            }
        }
    }

    private JsonObject Mapping()
    {
        var map = new JsonObject();
        _at++;
        while (true)
        {
            SkipSpace();
            if (Take('}'))
            {
                return map;
            }

            var key = _at < _text.Length && _text[_at] is '"' or '\'' ? Quoted() : Plain(isKey: true);
            SkipSpace();
            if (!Take(':'))
            {
                throw Error($"expected ':' after key \"{key}\"");
            }

            map[key] = Value();
            SkipSpace();
            if (!Take(','))
            {
                return Take('}') ? map : throw Error("expected ',' or '}'");
            }
        }
    }

    private string Quoted()
    {
        var (value, end) = QuotedScalar.Read(_text, _at, _lineNumber);
        _at = end;
        return value;
    }

    private string Plain(bool isKey)
    {
        var start = _at;
        while (_at < _text.Length && _text[_at] is not (',' or ']' or '}' or '[' or '{')
            && !(isKey && _text[_at] == ':'))
        {
            _at++;
        }

        return _text[start.._at].Trim();
    }

    private bool Take(char c)
    {
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string message) => new($"line {_lineNumber}: {message}");
}
