namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>Collects findings while rules walk an object.</summary>
internal sealed class FindingList
{
    private readonly List<RuleFinding> _items = [];

    /// <summary>True once any error was added.</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>How many errors were added.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>What was found, in the order found.</summary>
    public IReadOnlyList<RuleFinding> Items => _items;

    /// <summary>Adds an error.</summary>
    public void Error(string field, string reason, string message)
    {
        ErrorCount++;
        _items.Add(new RuleFinding(RuleSeverity.Error, field, reason, message));
    }

    /// <summary>Adds a warning.</summary>
    public void Warning(string field, string reason, string message) =>
        _items.Add(new RuleFinding(RuleSeverity.Warning, field, reason, message));

    /// <summary>Adds findings made elsewhere.</summary>
    public void AddRange(IEnumerable<RuleFinding> findings)
    {
        foreach (RuleFinding f in findings)
        {
            ErrorCount += f.IsError ? 1 : 0;
            _items.Add(f);
        }
    }
}
