using MultiNet.Testing.Node;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using Xunit;
using R = MultiNet.Daemon.Tests.Integration.ThickModeSocketCorpusRawClient;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>
/// Every request of the socket corpus against one multinetd: the documented HTTP status, the CNI code, a message
/// naming the field; after each, the daemon is ready, has logged no unexpected failure and nothing is left behind.
/// </summary>
public sealed class ThickModeSocketCorpusTests(ThickModeSocketCorpusFixture fixture) : IClassFixture<ThickModeSocketCorpusFixture>
{
    public static TheoryData<string> Cases => new(ThickModeSocketCorpusCases.All.Keys);

    [RootTheory]
    [MemberData(nameof(Cases))]
    public async Task Cni_BadRequest_AnswersDocumentedStatusCodeAndFieldAndKeepsServing(string name)
    {
        var bad = ThickModeSocketCorpusCases.All[name];

        var (status, body) = await bad.Send(fixture);

        await AssertAnswerAsync(bad, status, body);
    }

    [RootFact]
    public async Task Corpus_EveryCaseInARow_DaemonKeepsItsFileDescriptorsAndServes()
    {
        await fixture.AssertHealthyAsync();
        var before = fixture.DaemonFileDescriptors();

        foreach (var bad in ThickModeSocketCorpusCases.All.Values)
        {
            var (status, body) = await bad.Send(fixture);
            status.Should().Be(bad.Status, body);
        }

        await fixture.AssertHealthyAsync();
        fixture.DaemonFileDescriptors().Should().BeLessThanOrEqualTo(before + 4, "a bad request leaves no socket, file or pipe open");
    }

    [Fact]
    public void Cases_CoverTheSocketList_AtLeast40AndEveryRequestCode()
    {
        ThickModeSocketCorpusCases.All.Should().HaveCountGreaterThanOrEqualTo(40);
        ThickModeSocketCorpusCases.All.Values.Select(c => c.Code).Should().Contain([1, 3, 4, 6, 7, null]);
        ThickModeSocketCorpusCases.All.Values.Select(c => c.Status).Should().Contain([400, 404, 405, 500]);
    }

    [RootFact]
    public async Task SlowLoris_HeadersThenNothing_OthersAreServedMeanwhileAndTheStalledBodyTimesOut()
    {
        using var partialHead = await ConnectAsync("POST /cni HTTP/1.1\r\nHost: x\r\nContent-Le"u8.ToArray());
        using var stalledBody = await ConnectAsync(R.Head("Content-Type: application/json\r\nContent-Length: 400\r\n"));
        var watch = Stopwatch.StartNew();

        for (var i = 0; i < 5; i++)
        {
            (await SocketClient.SendAsync(fixture.SocketPath, "GET", "/readyz")).Status.Should().Be(200);
            var (status, body) = await SocketClient.SendAsync(fixture.SocketPath, "POST", "/cni", "{not json");
            (status, (int)JsonNode.Parse(body)!["code"]!).Should().Be((400, 6));
        }

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "two stalled clients hold no slot others need");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (stalledStatus, stalledAnswer) = R.Parse(await R.ReadToEndAsync(stalledBody, patience.Token));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a body that never comes is given up (Kestrel's minimum data rate)");
        stalledStatus.Should().Be(400, stalledAnswer);
        ((string)JsonNode.Parse(stalledAnswer)!["msg"]!).Should().Contain("cannot read the body");
        await fixture.AssertHealthyAsync();
    }

    [RootFact]
    public async Task ContentLengthLargerThanTheBody_ClientCloses_TakenAsABadBodyNotAFailure()
    {
        var body = Encoding.UTF8.GetBytes(ThickModeSocketCorpusFixture.Body(fixture.Env(), "{}"));
        byte[] wire = [.. R.Head($"Content-Type: application/json\r\nContent-Length: {body.Length + 100}\r\n"), .. body];

        var (status, answer) = await R.SendAsync(fixture.SocketPath, wire, halfClose: true);

        // The client closed its side: Kestrel ends the connection, so there is nobody to answer; the daemon must take
        // it as a bad request (logged at information), not as a failure of its own.
        status.Should().Be(0, answer);
        await WaitForLogAsync("daemon request: cannot read the body: unexpected end of request content");
        await fixture.AssertHealthyAsync();
    }

    private async Task AssertAnswerAsync(ThickModeSocketCorpusCase bad, int status, string body)
    {
        var context = $"answer: {body}{fixture.Harness.Logs}";
        status.Should().Be(bad.Status, context);
        if (bad.Code is { } code)
        {
            var error = JsonNode.Parse(body)!.AsObject();
            ((int)error["code"]!).Should().Be(code, context);
            ((string?)error["cniVersion"]).Should().NotBeNullOrEmpty();
            var message = (string)error["msg"]!;
            foreach (var part in bad.MessageParts)
            {
                message.Should().Contain(part, context);
            }
        }
        else
        {
            foreach (var part in bad.MessageParts)
            {
                body.Should().Contain(part, context);
            }
        }

        await fixture.AssertHealthyAsync();
    }

    private async Task WaitForLogAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!fixture.Harness.Daemon!.Log.Contains(text, StringComparison.Ordinal))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"the daemon should log \"{text}\"{fixture.Harness.Logs}");
            await Task.Delay(20);
        }
    }

    private async Task<Socket> ConnectAsync(byte[] sent)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(fixture.SocketPath));
        await socket.SendAsync(sent);
        return socket;
    }
}
