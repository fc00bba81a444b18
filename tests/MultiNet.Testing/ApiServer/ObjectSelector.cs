using System.Text.Json.Nodes;

namespace MultiNet.Testing.ApiServer;

/// <summary>fieldSelector and labelSelector of a LIST or WATCH, as a predicate on stored objects.</summary>
internal sealed class ObjectSelector
{
    private readonly List<Func<JsonObject, bool>> _requirements = [];

    public static readonly ObjectSelector Everything = new();

    /// <summary>Builds a selector; throws <see cref="FormatException"/> on a selector kube-apiserver would reject.</summary>
    public static ObjectSelector Parse(string? fieldSelector, string? labelSelector)
    {
        var selector = new ObjectSelector();
        foreach (var term in SplitTerms(fieldSelector))
        {
            selector._requirements.Add(FieldRequirement(term));
        }

        foreach (var term in SplitTerms(labelSelector))
        {
            selector._requirements.Add(LabelRequirement(term));
        }

        return selector;
    }

    public bool Matches(JsonObject obj) => _requirements.TrueForAll(r => r(obj));

    private static Func<JsonObject, bool> FieldRequirement(string term)
    {
        var (key, op, value) = SplitOperator(term)
            ?? throw new FormatException($"invalid field selector \"{term}\"");
        return op == "!="
            ? obj => FieldValue(obj, key) != value
            : obj => FieldValue(obj, key) == value;
    }

    private static string FieldValue(JsonObject obj, string path)
    {
        JsonNode? current = obj;
        foreach (var part in path.Split('.'))
        {
            current = current is JsonObject o ? o[part] : null;
        }

        return current is JsonValue v ? v.ToString() : "";
    }

    private static Func<JsonObject, bool> LabelRequirement(string term)
    {
        var words = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && (words[1].StartsWith("in ", StringComparison.Ordinal) || words[1].StartsWith("notin ", StringComparison.Ordinal)))
        {
            var negate = words[1].StartsWith("notin", StringComparison.Ordinal);
            var set = words[1][(words[1].IndexOf('(', StringComparison.Ordinal) + 1)..words[1].LastIndexOf(')')]
                .Split(',', StringSplitOptions.TrimEntries).ToHashSet();
            var key = words[0];
            return obj => Label(obj, key) is { } v ? set.Contains(v) != negate : negate;
        }

        if (SplitOperator(term) is var (k, op, value))
        {
            return op == "!=" ? obj => Label(obj, k) != value : obj => Label(obj, k) == value;
        }

        return term.StartsWith('!')
            ? obj => Label(obj, term[1..]) is null
            : obj => Label(obj, term) is not null;
    }

    private static string? Label(JsonObject obj, string key) => (string?)obj["metadata"]?["labels"]?[key];

    private static (string Key, string Op, string Value)? SplitOperator(string term)
    {
        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (term[..at].Trim(), op, term[(at + op.Length)..].Trim());
            }
        }

        return null;
    }

    private static IEnumerable<string> SplitTerms(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i <= selector.Length; i++)
        {
            if (i == selector.Length || (selector[i] == ',' && depth == 0))
            {
                var term = selector[start..i].Trim();
                if (term.Length > 0)
                {
                    yield return term;
                }

                start = i + 1;
            }
            else if (selector[i] == '(')
            {
                depth++;
            }
            else if (selector[i] == ')')
            {
                depth--;
            }
        }
    }
}
