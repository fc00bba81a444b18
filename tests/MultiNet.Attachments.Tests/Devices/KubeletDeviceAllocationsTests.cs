using System.Net.Sockets;
using FluentAssertions;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Devices;
using MultiNet.Cni.Protocol;
using MultiNet.Testing.Kubelet;
using Xunit;

namespace MultiNet.Attachments.Tests.Devices;

public sealed class KubeletDeviceAllocationsTests : IDisposable
{
    private const string PodUid = "6b2e8f4a-0d1c-4c55-9a57-1f0e3b7d2c11";
    private const string Sriov = "intel.com/sriov";

    private static readonly PodInfo Web = new() { Namespace = "default", Name = "web", Uid = PodUid };

    private static readonly FakePodDevice[] TwoPodsTwoResources =
    [
        new("default", "web", "app", Sriov, ["0000:03:00.4", "0000:03:00.2"]),
        new("default", "web", "init", Sriov, ["0000:03:00.2"]),
        new("default", "web", "app", "nvidia.com/gpu", ["GPU-7"]),
        new("default", "db", "app", Sriov, ["0000:03:00.9"]),
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("mnt-devices-").FullName;

    private string SocketPath => Path.Combine(directory, "kubelet.sock");

    private string CheckpointPath => Path.Combine(directory, "kubelet_internal_checkpoint");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private KubeletDeviceAllocations Allocations(TimeSpan? timeout = null) => new(SocketPath, CheckpointPath, timeout);

    private void WriteCheckpoint(string deviceIdsOfWebSriov) => File.WriteAllText(CheckpointPath, $$$"""
        {"Data":{"PodDeviceEntries":[
          {"PodUID":"{{{PodUid}}}","ContainerName":"app","ResourceName":"{{{Sriov}}}","DeviceIDs":{{{deviceIdsOfWebSriov}}},"AllocResp":"CgA="},
          {"PodUID":"{{{PodUid}}}","ContainerName":"app","ResourceName":"nvidia.com/gpu","DeviceIDs":{"0":["GPU-7"]},"AllocResp":"CgA="},
          {"PodUID":"another-uid","ContainerName":"app","ResourceName":"{{{Sriov}}}","DeviceIDs":{"0":["0000:03:00.9"]},"AllocResp":"CgA="}],
         "RegisteredDevices":{"{{{Sriov}}}":["0000:03:00.2","0000:03:00.4","0000:03:00.9"]}},
         "Checksum":1234567}
        """);

    [Fact]
    public async Task GetDeviceIdsAsync_FakeKubelet_SortedIdsOfThatPodAndResource()
    {
        await using var kubelet = await FakePodResourcesServer.StartAsync(SocketPath, TwoPodsTwoResources);
        var allocations = Allocations();

        var sriov = await allocations.GetDeviceIdsAsync(Web, Sriov, CancellationToken.None);
        var gpu = await allocations.GetDeviceIdsAsync(Web, "nvidia.com/gpu", CancellationToken.None);
        var db = await allocations.GetDeviceIdsAsync(Web with { Name = "db" }, Sriov, CancellationToken.None);
        var none = await allocations.GetDeviceIdsAsync(Web with { Namespace = "other" }, Sriov, CancellationToken.None);

        sriov.Should().Equal("0000:03:00.2", "0000:03:00.4");
        gpu.Should().Equal("GPU-7");
        db.Should().Equal("0000:03:00.9");
        none.Should().BeEmpty();
        kubelet.RequestCount.Should().Be(4);
    }

    [Fact]
    public async Task GetDeviceIdsAsync_KubeletAnswersWithGrpcError_FallsBackToCheckpoint()
    {
        await using var kubelet = await FakePodResourcesServer.StartAsync(SocketPath, TwoPodsTwoResources);
        kubelet.GrpcStatus = 14;
        WriteCheckpoint("""{"1":["0000:03:00.6"]}""");

        var ids = await Allocations().GetDeviceIdsAsync(Web, Sriov, CancellationToken.None);

        ids.Should().Equal("0000:03:00.6");
        kubelet.RequestCount.Should().Be(1);
    }

    [Theory]
    [InlineData("""{"0":["0000:03:00.4","0000:03:00.2"],"1":["0000:03:00.8"]}""")]   // NUMA node → IDs (Kubernetes ≥ 1.20)
    [InlineData("""["0000:03:00.8","0000:03:00.4","0000:03:00.2"]""")]               // plain list (older kubelets)
    public async Task GetDeviceIdsAsync_NoSocket_ReadsCheckpointInEitherShape(string deviceIds)
    {
        WriteCheckpoint(deviceIds);

        var ids = await Allocations().GetDeviceIdsAsync(Web, Sriov, CancellationToken.None);

        ids.Should().Equal("0000:03:00.2", "0000:03:00.4", "0000:03:00.8");
        (await Allocations().GetDeviceIdsAsync(Web, "nvidia.com/gpu", CancellationToken.None)).Should().Equal("GPU-7");
        (await Allocations().GetDeviceIdsAsync(Web, "example.com/none", CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task GetDeviceIdsAsync_NobodyListensOnSocketPath_FallsBackToCheckpoint()
    {
        // What a kubelet that died leaves behind: the path exists, connect is refused.
        // (.NET unlinks a socket file when the bound Socket is disposed, so a plain file stands in.)
        File.WriteAllText(SocketPath, "");
        WriteCheckpoint("""["0000:03:00.2"]""");

        var ids = await Allocations().GetDeviceIdsAsync(Web, Sriov, CancellationToken.None);

        File.Exists(SocketPath).Should().BeTrue();
        ids.Should().Equal("0000:03:00.2");
    }

    [Fact]
    public async Task GetDeviceIdsAsync_KubeletNeverAnswers_TimesOutThenFallsBack()
    {
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Bind(new UnixDomainSocketEndPoint(SocketPath));
        silent.Listen();
        WriteCheckpoint("""["0000:03:00.2"]""");

        var ids = await Allocations(TimeSpan.FromMilliseconds(300)).GetDeviceIdsAsync(Web, Sriov, CancellationToken.None);

        ids.Should().Equal("0000:03:00.2");
    }

    [Fact]
    public async Task GetDeviceIdsAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Bind(new UnixDomainSocketEndPoint(SocketPath));
        silent.Listen();
        WriteCheckpoint("""["0000:03:00.2"]""");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => Allocations().GetDeviceIdsAsync(Web, Sriov, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task GetDeviceIdsAsync_NeitherSocketNorCheckpoint_ThrowsDeviceAllocation()
    {
        var act = () => Allocations().GetDeviceIdsAsync(Web, Sriov, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.DeviceAllocation);
        error.Message.Should().Be(
            $"resource \"{Sriov}\": kubelet pod-resources socket \"{SocketPath}\" unavailable (no such file) and no checkpoint file \"{CheckpointPath}\"");
    }

    [Fact]
    public async Task GetDeviceIdsAsync_SocketRefusedAndNoCheckpoint_MessageSaysWhy()
    {
        File.WriteAllText(SocketPath, "");

        var act = () => Allocations().GetDeviceIdsAsync(Web, Sriov, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.DeviceAllocation);
        error.Message.Should().Be(
            $"resource \"{Sriov}\": kubelet pod-resources socket \"{SocketPath}\" unavailable (connection refused) and no checkpoint file \"{CheckpointPath}\"");
    }

    [Fact]
    public async Task GetDeviceIdsAsync_CheckpointOnlyAndPodUidUnknown_ThrowsDeviceAllocation()
    {
        WriteCheckpoint("""["0000:03:00.2"]""");

        var act = () => Allocations().GetDeviceIdsAsync(Web with { Uid = "" }, Sriov, CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.DeviceAllocation);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Checksum":1}""")]
    [InlineData("""{"Data":{"PodDeviceEntries":[{"PodUID":"6b2e8f4a-0d1c-4c55-9a57-1f0e3b7d2c11","ResourceName":"intel.com/sriov","DeviceIDs":7}]}}""")]
    public async Task GetDeviceIdsAsync_MalformedCheckpoint_ThrowsDeviceAllocation(string checkpoint)
    {
        File.WriteAllText(CheckpointPath, checkpoint);

        var act = () => Allocations().GetDeviceIdsAsync(Web, Sriov, CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>())
            .Which.Should().Match<CniException>(e => e.Code == CniErrorCode.DeviceAllocation && e.Message.StartsWith("kubelet checkpoint", StringComparison.Ordinal));
    }
}
