namespace MultiNet.Testing.Node;

/// <summary>
/// A cluster-network plugin like Flannel's: it reads node state from a host file (<see cref="StateFile"/>, as Flannel
/// reads /run/flannel/subnet.env), records each call in <see cref="CallsFile"/>, then configures the pod with the
/// reference bridge plugin. Without the state file it fails with code 100 naming the file: a delegate that does not
/// see the host's files cannot pass for one that does.
/// </summary>
public sealed class HostStatePlugin
{
    /// <summary>Writes the plugin <paramref name="type"/> into <paramref name="binDir"/> and its state file into <paramref name="stateDir"/>.</summary>
    public HostStatePlugin(string binDir, string stateDir, string type)
    {
        Type = type;
        StateFile = Path.Combine(stateDir, "subnet.env");
        CallsFile = Path.Combine(stateDir, "calls");
        Directory.CreateDirectory(binDir);
        Directory.CreateDirectory(stateDir);
        File.WriteAllText(StateFile, "node-state");
        var script = Path.Combine(binDir, type);
        File.WriteAllText(script, $$"""
            #!/bin/sh
            state=$(cat '{{StateFile}}' 2>/dev/null) || { printf '{"cniVersion":"1.0.0","code":100,"msg":"no node state at {{StateFile}}"}'; exit 1; }
            echo "$CNI_COMMAND $CNI_CONTAINERID $state" >> '{{CallsFile}}'
            exec {{RepoLayout.ReferencePlugins}}/bridge

            """);
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
    }

    /// <summary>The plugin's <c>type</c>.</summary>
    public string Type { get; }

    /// <summary>The host file the plugin needs.</summary>
    public string StateFile { get; }

    /// <summary>One line per successful call: <c>COMMAND CONTAINERID STATE</c>.</summary>
    public string CallsFile { get; }

    /// <summary>The recorded calls.</summary>
    public IReadOnlyList<string> Calls() => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile) : [];
}
