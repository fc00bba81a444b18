using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>
/// Turns a (multi-document) YAML stream into JSON nodes, driven by YamlDotNet's parser events so that every
/// error can name its document and line.
/// </summary>
internal sealed class YamlDocumentReader
{
    private const string MergeKey = "<<";

    private readonly Parser _parser;
    private readonly string _source;
    private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
    private int _document;
    private string? _problem;

    private YamlDocumentReader(TextReader reader, string source)
    {
        _parser = new Parser(reader);
        _source = source;
    }

    /// <summary>Reads every document; an empty document yields null. <paramref name="source"/> names the file in errors.</summary>
    public static IReadOnlyList<JsonNode?> ReadAll(TextReader reader, string source)
    {
        var read = ReadUntilError(reader, source);
        return read.Error is null ? read.Documents : throw read.Error;
    }

    /// <summary>
    /// Reads documents up to the first syntax error: the documents before it are kept, so a checker can still judge them.
    /// </summary>
    public static ManifestDocuments ReadUntilError(TextReader reader, string source) => new YamlDocumentReader(reader, source).ReadAll();

    private ManifestDocuments ReadAll()
    {
        var documents = new List<JsonNode?>();
        try
        {
            Expect<StreamStart>();
            while (!_parser.TryConsume<StreamEnd>(out _))
            {
                _document++;
                _anchors.Clear();
                Expect<DocumentStart>();
                documents.Add(ReadNode());
                Expect<DocumentEnd>();
            }
        }
        catch (CniException e)
        {
            return Failed(documents, e);
        }
        catch (YamlException e)
        {
            return Failed(documents, Error(e.Start, Lower(e.Message), e));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet 18 fails this way on some unterminated flow collections; the last event is the best position we have.
            return Failed(documents, Error(_parser.Current?.Start ?? Mark.Empty, "unexpected content (an unclosed '[' or '{'?)", e));
        }

        return new ManifestDocuments(documents);
    }

    private JsonNode? ReadNode()
    {
        var start = _parser.Current?.Start ?? Mark.Empty;
        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw Error(alias.Start, $"alias \"*{alias.Value.Value}\" refers to no anchor defined before it");
            }

            return target?.DeepClone();
        }

        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            return Remember(scalar.Anchor, YamlScalarResolver.Resolve(scalar));
        }

        if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var array = new JsonArray();
            Remember(sequenceStart.Anchor, array);
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode());
            }

            return array;
        }

        if (_parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var map = new JsonObject();
            Remember(mappingStart.Anchor, map);
            ReadMappingEntries(map);
            return map;
        }

        throw Error(start, $"unexpected {_parser.Current?.GetType().Name ?? "end of input"}");
    }

    private void ReadMappingEntries(JsonObject map)
    {
        var merged = new List<JsonObject>();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            if (!_parser.TryConsume<Scalar>(out var key))
            {
                throw Error(_parser.Current?.Start ?? Mark.Empty, "only plain text mapping keys are supported");
            }

            var valueStart = _parser.Current?.Start ?? Mark.Empty;
            var value = ReadNode();
            if (key.Value == MergeKey && key.Style == ScalarStyle.Plain)
            {
                CollectMerge(value, valueStart, merged);
                continue;
            }

            if (map.ContainsKey(key.Value))
            {
                throw Error(key.Start, $"key \"{key.Value}\" appears twice in the same mapping");
            }

            map[key.Value] = value;
        }

        // Keys written in the mapping itself win over merged ones, whatever their order.
        foreach (var source in merged)
        {
            foreach (var (name, value) in source)
            {
                if (!map.ContainsKey(name))
                {
                    map[name] = value?.DeepClone();
                }
            }
        }
    }

    private void CollectMerge(JsonNode? value, Mark at, List<JsonObject> merged)
    {
        switch (value)
        {
            case JsonObject single:
                merged.Add(single);
                return;
            case JsonArray many when many.All(item => item is JsonObject):
                merged.AddRange(many.Cast<JsonObject>());
                return;
            default:
                throw Error(at, "a merge key \"<<\" must be followed by a mapping or a list of mappings");
        }
    }

    private JsonNode? Remember(AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }

        return node;
    }

    private void Expect<T>()
        where T : ParsingEvent
    {
        if (!_parser.TryConsume<T>(out _))
        {
            throw Error(_parser.Current?.Start ?? Mark.Empty, $"unexpected {_parser.Current?.GetType().Name ?? "end of input"}");
        }
    }

    private ManifestDocuments Failed(List<JsonNode?> documents, CniException error) =>
        new(documents) { Error = error, ErrorDocument = Math.Max(_document, 1), Problem = _problem };

    private CniException Error(Mark at, string message, Exception? inner = null)
    {
        var document = Math.Max(_document, 1);
        var position = at.Line > 0 ? $"line {at.Line}, column {at.Column}: " : "";
        _problem = $"{position}{message}";
        return new CniException(CniErrorCode.InvalidConfig, $"manifest \"{_source}\": document {document}: {_problem}", null, inner);
    }

    private static string Lower(string message) =>
        message.Length > 0 && char.IsUpper(message[0]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;
}
