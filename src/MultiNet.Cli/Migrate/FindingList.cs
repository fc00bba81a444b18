namespace MultiNet.Cli.Migrate;

/// <summary>The findings of one conversion, in the order the keys were met.</summary>
internal sealed class FindingList
{
    private readonly List<MigrationFinding> _items = [];

    public IReadOnlyList<MigrationFinding> Items => _items;

    public void Add(MigrationFinding finding) => _items.Add(finding);

    public void Changed(string key, string message) => _items.Add(new MigrationFinding(key, FindingKind.Changed, message));

    public void NotNeeded(string key, string message) => _items.Add(new MigrationFinding(key, FindingKind.NotNeeded, message));

    public void NotCarriedOver(string key, string message) => _items.Add(new MigrationFinding(key, FindingKind.NotCarriedOver, message));
}
