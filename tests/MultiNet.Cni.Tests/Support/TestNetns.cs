namespace MultiNet.Cni.Tests.Support;

/// <summary>A fresh, uniquely named network namespace (<c>mnt-&lt;guid8&gt;</c>), deleted on dispose.</summary>
public sealed class TestNetns : IDisposable
{
    private TestNetns(string name) => Name = name;

    public string Name { get; }

    public string Path => $"/var/run/netns/{Name}";

    public static TestNetns Create()
    {
        var ns = new TestNetns($"mnt-{Guid.NewGuid().ToString("N")[..8]}");
        TestCommand.Run("ip", "netns", "add", ns.Name);
        return ns;
    }

    /// <summary>Interface names inside the namespace.</summary>
    public IReadOnlyList<string> Links() =>
        [.. TestCommand.Run("ip", "-n", Name, "-o", "link", "show")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':')[1].Trim().Split('@')[0])];

    public string Exec(params string[] command) => TestCommand.Run("ip", ["netns", "exec", Name, .. command]);

    public static bool Exists(string name) =>
        TestCommand.Run("ip", "netns", "list").Split('\n').Any(l => l.Split(' ')[0] == name);

    public void Dispose() => TestCommand.TryRun("ip", "netns", "del", Name);
}
