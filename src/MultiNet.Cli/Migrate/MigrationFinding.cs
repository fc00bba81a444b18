using System.Text.Json.Nodes;

namespace MultiNet.Cli.Migrate;

/// <summary>One Multus key whose conversion needs a word: <c>logOptions: not carried over: ...</c>.</summary>
/// <param name="Key">The key in the Multus config (<c>logOptions</c>, <c>perNodeCertificate.enabled</c>).</param>
/// <param name="Kind">What became of it.</param>
/// <param name="Message">What differs and what to do about it.</param>
internal sealed record MigrationFinding(string Key, FindingKind Kind, string Message)
{
    /// <summary>How <see cref="Kind"/> is printed.</summary>
    public string KindText => Kind switch
    {
        FindingKind.Changed => "changed",
        FindingKind.NotNeeded => "not needed",
        _ => "not carried over",
    };

    /// <summary>How <c>-o json</c> prints it.</summary>
    public JsonObject ToJson() => new()
    {
        ["key"] = Key,
        ["kind"] = KindText,
        ["message"] = Message,
    };
}
