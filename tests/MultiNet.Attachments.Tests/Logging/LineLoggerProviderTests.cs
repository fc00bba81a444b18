using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Logging;
using Xunit;

namespace MultiNet.Attachments.Tests.Logging;

public sealed class LineLoggerProviderTests : IDisposable
{
    private static readonly DateTimeOffset Tokyo = new(2026, 3, 10, 21, 4, 5, 678, TimeSpan.FromHours(9));
    private readonly string _dir = Directory.CreateTempSubdirectory("mn-log-").FullName;

    [Fact]
    public void Log_Json_OneObjectPerLineWithTheStableFields()
    {
        var stderr = new StringWriter();
        using (var provider = new LineLoggerProvider(LogFormat.Json, stderr, file: null, new FixedTime(Tokyo)))
        {
            var logger = provider.CreateLogger("MultiNet.Engine");
            logger.LogWarning(new EventId(1203, "DelegateSlow"), "delegate {Delegate} took {Millis} ms (ok: {Ok})", "macvlan", 1500, true);
            logger.LogError(new InvalidOperationException("boom"), "failed\non two lines");
        }

        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, "a message with a newline and an exception still takes one line");
        var first = JsonNode.Parse(lines[0])!.AsObject();
        first.Select(p => p.Key).Should().Equal("time", "level", "logger", "eventId", "event", "msg", "state");
        ((string?)first["time"]).Should().Be("2026-03-10T12:04:05.678Z", "times are UTC whatever the offset given");
        ((string?)first["level"]).Should().Be("warn");
        ((string?)first["logger"]).Should().Be("MultiNet.Engine");
        ((int?)first["eventId"]).Should().Be(1203);
        ((string?)first["event"]).Should().Be("DelegateSlow");
        ((string?)first["msg"]).Should().Be("delegate macvlan took 1500 ms (ok: True)");
        var state = first["state"]!.AsObject();
        state.Select(p => p.Key).Should().Equal("Delegate", "Millis", "Ok");
        ((string?)state["Delegate"]).Should().Be("macvlan");
        state["Millis"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        ((int?)state["Millis"]).Should().Be(1500);
        ((bool?)state["Ok"]).Should().BeTrue();

        var second = JsonNode.Parse(lines[1])!.AsObject();
        ((string?)second["level"]).Should().Be("error");
        ((string?)second["msg"]).Should().Be("failed\non two lines");
        ((string?)second["exception"]).Should().StartWith("System.InvalidOperationException: boom");
        second.ContainsKey("eventId").Should().BeFalse();
    }

    [Fact]
    public void Log_TextToFile_TimestampLevelCategoryMessage()
    {
        var path = Path.Combine(_dir, "multinetd.log");
        using (var provider = new LineLoggerProvider(LogFormat.Text, stderr: null, RotatingLogFile.Open(path, new LogRotation()), new FixedTime(Tokyo)))
        {
            provider.CreateLogger("MultiNet.Daemon.Api").LogInformation("listening on {Socket}", "/run/multinet.sock");
        }

        File.ReadAllLines(path).Should().Equal("2026-03-10T12:04:05.678Z [info] MultiNet.Daemon.Api: listening on /run/multinet.sock");
    }

    [Fact]
    public void Format_JsonWithContext_PutsTheContextFirstInState()
    {
        var line = LogLineFormatter.Format(LogFormat.Json, Tokyo, LogLevel.Debug, "multinet", default, "plain", null, "plain",
            [new("cniCommand", "ADD"), new("containerId", "abc")]);

        var json = JsonNode.Parse(line)!.AsObject();
        json["state"]!.ToJsonString().Should().Be("""{"cniCommand":"ADD","containerId":"abc"}""");
        LogLineFormatter.Format(LogFormat.Text, Tokyo, LogLevel.Debug, "multinet", default, "plain", null, "plain", [new("cniCommand", "ADD"), new("containerId", "abc")])
            .Should().Be("2026-03-10T12:04:05.678Z [debug] multinet: ADD abc: plain");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
