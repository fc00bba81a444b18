namespace MultiNet.Cli.Commands;

/// <summary>What a command accepts on its command line.</summary>
internal sealed record CommandSyntax
{
    /// <summary>Options that take a value.</summary>
    public IReadOnlySet<string> Options { get; init; } = new HashSet<string>();

    /// <summary>Options without a value.</summary>
    public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>();

    /// <summary>One-letter aliases: <c>o</c> → <c>output</c>.</summary>
    public IReadOnlyDictionary<string, string> Short { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the command takes arguments that are not options.</summary>
    public bool TakesPositionals { get; init; }
}
