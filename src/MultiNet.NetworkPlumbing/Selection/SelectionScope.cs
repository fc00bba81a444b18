using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>
/// Where in a selection annotation a check happens, so every error names the annotation, the element (1-based, and
/// its name once known), the field and the value.
/// </summary>
internal sealed class SelectionScope(string annotationKey, int index)
{
    /// <summary>Key in <see cref="Exception.Data"/> of the zero-based element an error is about.</summary>
    public const string IndexData = "multinet.selection.index";

    /// <summary>Key in <see cref="Exception.Data"/> of the element's field an error is about (e.g. <c>portMappings[0].hostPort</c>).</summary>
    public const string FieldData = "multinet.selection.field";

    /// <summary>The annotation being parsed.</summary>
    public string AnnotationKey { get; } = annotationKey;

    /// <summary>Zero-based element position.</summary>
    public int Index { get; } = index;

    /// <summary>The element's name (or raw text item) once read, for messages.</summary>
    public string? Name { get; set; }

    /// <summary>An error about the whole annotation.</summary>
    public static CniException AnnotationError(string annotationKey, string problem, string? details = null, Exception? inner = null) =>
        new(CniErrorCode.InvalidNetworkSelection, $"annotation {QuotedValue.Of(annotationKey)}: {problem}", details, inner);

    /// <summary>"network 2 ("net-b")" for messages.</summary>
    public static string Describe(int index, string? name) =>
        name is null ? $"network {index + 1}" : $"network {index + 1} ({QuotedValue.Of(name)})";

    /// <summary>An error about this element as a whole.</summary>
    public CniException Fail(string problem)
    {
        CniException e = AnnotationError(AnnotationKey, $"{Describe(Index, Name)}: {problem}");
        e.Data[IndexData] = Index;
        return e;
    }

    /// <summary>An error about one field of this element.</summary>
    public CniException Field(string field, string problem)
    {
        // The admission rules turn the field into a finding's path and reason; the message stays the plugin's.
        CniException e = Fail($"field {QuotedValue.Of(field)}: {problem}");
        e.Data[FieldData] = field;
        return e;
    }

    /// <summary>An error about the value of one field of this element.</summary>
    public CniException Value(string field, string value, string problem) =>
        Field(field, $"{QuotedValue.Of(value)} {problem}");
}
