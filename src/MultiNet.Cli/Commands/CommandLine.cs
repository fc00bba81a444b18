namespace MultiNet.Cli.Commands;

/// <summary>
/// A small command-line parser: <c>--name value</c>, <c>--name=value</c>, short aliases (<c>-o json</c>), flags
/// without a value, and positional arguments where the command takes them. Repeated options accumulate; anything
/// unknown is a usage error.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    /// <summary>Parses <paramref name="args"/> of a command that takes only <c>--name value</c> options.</summary>
    public CommandLine(IReadOnlyList<string> args, IReadOnlySet<string> options)
        : this(args, new CommandSyntax { Options = options })
    {
    }

    /// <summary>Parses <paramref name="args"/> against <paramref name="syntax"/>.</summary>
    public CommandLine(IReadOnlyList<string> args, CommandSyntax syntax)
    {
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg == "-" || !arg.StartsWith('-'))
            {
                AddPositional(arg, syntax);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            var (name, inline) = Split(arg, syntax);
            if (syntax.Flags.Contains(name))
            {
                _flags.Add(name);
                continue;
            }

            if (!syntax.Options.Contains(name))
            {
                throw new UsageException($"unknown option \"{arg}\"");
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option \"--{name}\" needs a value"));
            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = [];
            }

            list.Add(value);
        }
    }

    /// <summary>The arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>The last value of an option, or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    /// <summary>The last value of an option; a usage error when it is missing.</summary>
    public string Required(string name) => Get(name) ?? throw new UsageException($"option \"--{name}\" is required");

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>True when the flag was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The value of an option that takes one of <paramref name="allowed"/> (the first is the default).</summary>
    public string Choice(string name, params string[] allowed)
    {
        var value = Get(name) ?? allowed[0];
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new UsageException($"--{name} \"{value}\": expected {string.Join(" or ", allowed)}");
    }

    private void AddPositional(string arg, CommandSyntax syntax)
    {
        if (!syntax.TakesPositionals)
        {
            throw new UsageException($"unexpected argument \"{arg}\"");
        }

        _positionals.Add(arg);
    }

    private static (string Name, string? Inline) Split(string arg, CommandSyntax syntax)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            // -o json, -ojson, -n ns
            var letter = arg[1..2];
            var name = syntax.Short.GetValueOrDefault(letter) ?? throw new UsageException($"unknown option \"{arg}\"");
            return (name, arg.Length > 2 ? arg[2..] : null);
        }

        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (arg[2..eq], arg[(eq + 1)..]) : (arg[2..], null);
    }
}
