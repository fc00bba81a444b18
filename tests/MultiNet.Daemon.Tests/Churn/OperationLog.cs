using System.Globalization;

namespace MultiNet.Daemon.Tests.Churn;

/// <summary>
/// Wrapper delegates that log every run of a reference plugin: one <c>start</c> and one <c>end</c> line per run, each
/// written by one <c>printf</c> (a single O_APPEND write below PIPE_BUF, so lines of concurrent wrappers never mix).
/// A container id with a marker file in <see cref="SlowDir"/> makes each of its delegates sleep 300 ms before an ADD
/// (an ADD the runtime will give up on).
/// </summary>
internal sealed class OperationLog
{
    public OperationLog(string root)
    {
        BinDir = Path.Combine(root, "churn-bin");
        SlowDir = Path.Combine(root, "churn-slow");
        LogPath = Path.Combine(root, "operations.log");
        Directory.CreateDirectory(BinDir);
        Directory.CreateDirectory(SlowDir);
        File.WriteAllText(LogPath, "");
    }

    public string BinDir { get; }
    public string SlowDir { get; }
    public string LogPath { get; }

    /// <summary>Writes the wrapper <c>logged-&lt;plugin&gt;</c> into <see cref="BinDir"/>; returns its type name.</summary>
    public string Wrap(string plugin)
    {
        var name = $"logged-{plugin}";
        var path = Path.Combine(BinDir, name);
        File.WriteAllText(path, $$"""
            #!/bin/sh
            printf 'start %s %s %s %s\n' "$CNI_CONTAINERID" "$CNI_COMMAND" "$(date +%s%N)" "$$" >> "{{LogPath}}"
            if [ "$CNI_COMMAND" = ADD ] && [ -e "{{SlowDir}}/$CNI_CONTAINERID" ]; then sleep 0.3; fi
            /usr/lib/cni/{{plugin}}
            rc=$?
            printf 'end %s %s %s %s\n' "$CNI_CONTAINERID" "$CNI_COMMAND" "$(date +%s%N)" "$$" >> "{{LogPath}}"
            exit $rc

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return name;
    }

    /// <summary>Makes the next ADDs of <paramref name="containerId"/> slow (or not).</summary>
    public void SetSlow(string containerId, bool slow)
    {
        var marker = Path.Combine(SlowDir, containerId);
        if (slow)
        {
            File.WriteAllText(marker, "");
        }
        else
        {
            File.Delete(marker);
        }
    }

    /// <summary>Now on the wrappers' clock (<c>date +%s%N</c>: realtime, ns since the epoch).</summary>
    public static long Now() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>Waits until a delegate run of <paramref name="command"/> on <paramref name="containerId"/> has started.</summary>
    public async Task WaitForStartAsync(string containerId, string command, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Read().Any(r => r.ContainerId == containerId && r.Command == command))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {command} delegate of {containerId} started within {timeout.TotalSeconds} s");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Every delegate run so far (started ones without an end have <c>End</c> = long.MaxValue).</summary>
    public IReadOnlyList<DelegateRun> Read()
    {
        var starts = new Dictionary<string, (string Id, string Command, long At)>(StringComparer.Ordinal);
        var runs = new List<DelegateRun>();
        foreach (var line in File.ReadAllLines(LogPath))
        {
            var f = line.Split(' ');
            if (f.Length != 5 || f[1].Length == 0)
            {
                // A plugin-level call (GC, STATUS) has no container id: it is not a run on a pod.
                continue;
            }

            var at = long.Parse(f[3], CultureInfo.InvariantCulture);
            if (f[0] == "start")
            {
                starts[f[4]] = (f[1], f[2], at);
            }
            else if (starts.Remove(f[4], out var start))
            {
                runs.Add(new DelegateRun(start.Id, start.Command, start.At, at));
            }
        }

        runs.AddRange(starts.Values.Select(s => new DelegateRun(s.Id, s.Command, s.At, long.MaxValue)));
        return runs;
    }

    /// <summary>Pairs of runs on the same container whose [start, end] intervals overlap.</summary>
    public IReadOnlyList<string> Overlaps() =>
        [.. Read().GroupBy(r => r.ContainerId).SelectMany(g =>
        {
            var ordered = g.OrderBy(r => r.Start).ToList();
            return ordered.Zip(ordered.Skip(1)).Where(p => p.Second.Start <= p.First.End).Select(p => $"{p.First} overlaps {p.Second}");
        })];
}
