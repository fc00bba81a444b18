namespace MultiNet.Cni.Tests.Support;

/// <summary>A temp directory of tiny shell-script plugins, removed on dispose.</summary>
public sealed class ScriptPlugins : IDisposable
{
    public ScriptPlugins()
    {
        Dir = Directory.CreateTempSubdirectory("mnt-plugins-").FullName;
    }

    public string Dir { get; }

    /// <summary>Writes an executable <c>/bin/sh</c> script named <paramref name="type"/>; returns its path.</summary>
    public string Add(string type, string body)
    {
        var path = System.IO.Path.Combine(Dir, type);
        File.WriteAllText(path, "#!/bin/sh\n" + body.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>
    /// A plugin that appends "<c>$CNI_COMMAND type</c>", its CNI_* environment and its stdin to
    /// <see cref="Log"/>, then prints <paramref name="addOutput"/> on ADD (and exits 0).
    /// </summary>
    public string AddRecorder(string type, string addOutput = "", int exitCode = 0, string failOn = "")
    {
        var fail = failOn.Length == 0 ? "" : $"if [ \"$CNI_COMMAND\" = \"{failOn}\" ]; then echo '{{\"code\":7,\"msg\":\"{type} refuses {failOn}\"}}'; exit 1; fi";
        return Add(type, $$"""
            { echo "== $CNI_COMMAND {{type}}"; env | grep '^CNI_' | sort; echo '--'; cat; echo; } >> '{{Log}}'
            {{fail}}
            if [ "$CNI_COMMAND" = "ADD" ]; then printf '%s' '{{addOutput}}'; fi
            exit {{exitCode}}
            """);
    }

    public string Log => System.IO.Path.Combine(Dir, "calls.log");

    /// <summary>The recorded calls, in order: command, plugin type, CNI_* env and stdin.</summary>
    public IReadOnlyList<RecordedCall> Calls()
    {
        if (!File.Exists(Log))
        {
            return [];
        }

        var calls = new List<RecordedCall>();
        foreach (var block in File.ReadAllText(Log).Split("== ", StringSplitOptions.RemoveEmptyEntries))
        {
            var head = block.Split('\n', 2);
            var parts = head[0].Split(' ');
            var body = head[1].Split("--\n", 2);
            var env = body[0].Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv[1]);
            calls.Add(new RecordedCall(parts[0], parts[1], env, body[1].Trim()));
        }

        return calls;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

public sealed record RecordedCall(string Command, string Type, IReadOnlyDictionary<string, string> Env, string Stdin)
{
    public System.Text.Json.Nodes.JsonObject Config => System.Text.Json.Nodes.JsonNode.Parse(Stdin)!.AsObject();
}
