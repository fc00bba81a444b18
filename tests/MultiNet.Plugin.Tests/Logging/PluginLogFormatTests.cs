using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Logging;

/// <summary>The published plugin's log lines, under a <c>TZ</c> far from UTC: times must still be UTC.</summary>
public sealed class PluginLogFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mn-plog-").FullName;

    [RootTheory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task FailedAdd_UnderTokyoTime_LogsUtcLinesToFileAndStderr(string format)
    {
        var logFile = Path.Combine(_dir, "multinet.log");
        var containerId = "mnlog" + Guid.NewGuid().ToString("N")[..12];
        var config = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = "multinet",
            ["type"] = "multinet",
            ["clusterNetwork"] = Path.Combine(_dir, "missing.conf"),
            ["cniDir"] = Path.Combine(_dir, "cni"),
            ["logFile"] = logFile,
            ["logLevel"] = "debug",
            ["logToStderr"] = true,
            ["logFormat"] = format,
        };
        var env = PluginProcess.Env("ADD", containerId, Path.Combine(_dir, "no-such-netns"));
        env["TZ"] = "Asia/Tokyo";
        var before = DateTimeOffset.UtcNow;

        var outcome = await PluginProcess.RunAsync(env, config.ToJsonString());

        var after = DateTimeOffset.UtcNow;
        outcome.ExitCode.Should().Be(1, outcome.Stdout);
        var lines = File.ReadAllLines(logFile);
        lines.Should().NotBeEmpty();
        outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(lines, "stderr carries the same lines");
        foreach (var line in lines)
        {
            string time;
            if (format == "json")
            {
                var json = JsonNode.Parse(line)!.AsObject();
                json.Select(p => p.Key).Should().StartWith(["time", "level", "logger"]).And.Contain("msg");
                ((string?)json["logger"]).Should().Be("multinet");
                ((string?)json["state"]!["cniCommand"]).Should().Be("ADD");
                ((string?)json["state"]!["containerId"]).Should().Be(containerId);
                time = (string)json["time"]!;
            }
            else
            {
                line.Should().Contain($"multinet: ADD {containerId}: ");
                time = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            }

            time.Should().EndWith("Z");
            var parsed = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

            // Tokyo's local time written with a Z would be nine hours off.
            parsed.Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeOnOrBefore(after.AddSeconds(1));
        }

        lines.Should().Contain(l => l.Contains("missing.conf", StringComparison.Ordinal) || l.Contains("no-such-netns", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
