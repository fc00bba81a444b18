using System.Text;
using FluentAssertions;
using MultiNet.Plugin.Shim;

namespace MultiNet.Plugin.Tests.Shim;

public sealed class UnixSocketHttpTests
{
    [Fact]
    public void Parse_ContentLength_ReturnsStatusAndBody()
    {
        var (status, body) = UnixSocketHttp.Parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}"u8);

        status.Should().Be(200);
        Encoding.UTF8.GetString(body).Should().Be("{}");
    }

    [Fact]
    public void Parse_Chunked_JoinsTheChunks()
    {
        var (status, body) = UnixSocketHttp.Parse("HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n"u8);

        status.Should().Be(503);
        Encoding.UTF8.GetString(body).Should().Be("{\"a\":1}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort")]
    public void Parse_NotAnHttpAnswer_ThrowsIOException(string response)
    {
        var act = () => UnixSocketHttp.Parse(Encoding.ASCII.GetBytes(response));

        act.Should().Throw<IOException>();
    }
}
