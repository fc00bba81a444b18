using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Logging;
using Xunit;

namespace MultiNet.Attachments.Tests.Logging;

public sealed class LogRotationReaderTests
{
    [Fact]
    public void Read_Absent_GivesMultusDefaults()
    {
        LogRotationReader.Read(null).Should().Be(new LogRotation { MaxSizeMegabytes = 100, MaxAgeDays = 5, MaxBackups = 5, Compress = true });
    }

    [Fact]
    public void Read_AllKeys_TakesThem()
    {
        var rotation = LogRotationReader.Read(JsonNode.Parse("""{"maxSize": 7, "maxAge": 0, "maxBackups": 3, "compress": false}"""));

        rotation.Should().Be(new LogRotation { MaxSizeMegabytes = 7, MaxAgeDays = 0, MaxBackups = 3, Compress = false });
        rotation.MaxSizeBytes.Should().Be(7L * 1024 * 1024);
    }

    [Fact]
    public void Read_MaxSizeZero_MeansTheDefaultAsInLumberjack()
    {
        LogRotationReader.Read(JsonNode.Parse("""{"maxSize": 0}""")).MaxSizeMegabytes.Should().Be(100);
    }

    [Theory]
    [InlineData("""{"maxSize": -1}""", "logOptions.maxSize: -1 *")]
    [InlineData("""{"maxSize": "10"}""", "logOptions.maxSize: \"10\" *")]
    [InlineData("""{"maxAge": 1.5}""", "logOptions.maxAge: 1.5 *")]
    [InlineData("""{"maxBackups": -2}""", "logOptions.maxBackups: -2 *")]
    [InlineData("""{"compress": "yes"}""", "logOptions.compress: \"yes\" is not true or false")]
    [InlineData("""{"maxsize": 10}""", "logOptions.maxsize: unknown key*")]
    [InlineData("""[1]""", "logOptions: must be an object")]
    public void Read_BadValue_ThrowsNamingTheKey(string json, string message)
    {
        var act = () => LogRotationReader.Read(JsonNode.Parse(json));

        act.Should().Throw<FormatException>().WithMessage(message);
    }
}
