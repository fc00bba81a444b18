using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>The published multinetd's log under a <c>TZ</c> far from UTC: UTC times, json lines when asked, the same lines in <c>logFile</c>.</summary>
public sealed class ThickModeLoggingTests
{
    [RootTheory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task StartAndStop_UnderTokyoTime_LogsUtcLinesToStderrAndLogFile(string format)
    {
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        var logFile = Path.Combine(h.Node.Root, "log", "multinetd.log");
        h.DaemonConfig["logFormat"] = format;
        h.DaemonConfig["logFile"] = logFile;
        h.DaemonConfig["logOptions"] = new JsonObject { ["maxSize"] = 1, ["compress"] = false };
        h.DaemonEnvironment["TZ"] = "Asia/Tokyo";
        var before = DateTimeOffset.UtcNow;

        await h.StartDaemonAsync();
        await h.StopDaemonAsync();

        var after = DateTimeOffset.UtcNow;
        var stderr = h.Daemon!.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var file = File.ReadAllLines(logFile);
        file.Should().NotBeEmpty();
        if (format == "json")
        {
            stderr.Should().Equal(file, "stderr and the file carry the same json lines");
        }

        foreach (var line in format == "json" ? file : stderr.Concat(file))
        {
            string time;
            if (format == "json")
            {
                var json = JsonNode.Parse(line)!.AsObject();
                json.Select(p => p.Key).Should().StartWith(["time", "level", "logger"]).And.Contain("msg");
                time = (string)json["time"]!;
            }
            else
            {
                time = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            }

            time.Should().EndWith("Z", line);
            var parsed = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

            // Tokyo's local time written with a Z would be nine hours off.
            parsed.Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeOnOrBefore(after.AddSeconds(1), line);
        }
    }
}
