using FluentAssertions;
using MultiNet.Attachments.Devices;
using MultiNet.Testing.Kubelet;
using Xunit;

namespace MultiNet.Attachments.Tests.Devices;

public sealed class PodResourcesDecoderTests
{
    private static readonly FakePodDevice[] Devices =
    [
        new("default", "web", "app", "intel.com/sriov", ["0000:03:00.3", "0000:03:00.1"]),
        new("default", "web", "sidecar", "intel.com/sriov", ["0000:03:00.2"]),
        new("default", "web", "app", "nvidia.com/gpu", ["GPU-1"]),
        new("other", "web", "app", "intel.com/sriov", ["0000:04:00.1"]),
        new("default", "db", "app", "intel.com/sriov", ["0000:05:00.1"]),
    ];

    [Fact]
    public void FindDeviceIds_PodAcrossContainers_SortedIdsOfThatResourceOnly()
    {
        var response = PodResourcesProtobuf.EncodeListResponse(Devices);

        PodResourcesDecoder.FindDeviceIds(response, "default", "web", "intel.com/sriov")
            .Should().Equal("0000:03:00.1", "0000:03:00.2", "0000:03:00.3");
        PodResourcesDecoder.FindDeviceIds(response, "default", "web", "nvidia.com/gpu").Should().Equal("GPU-1");
        PodResourcesDecoder.FindDeviceIds(response, "other", "web", "intel.com/sriov").Should().Equal("0000:04:00.1");
    }

    [Fact]
    public void FindDeviceIds_UnknownPodOrResource_Empty()
    {
        var response = PodResourcesProtobuf.EncodeListResponse(Devices);

        PodResourcesDecoder.FindDeviceIds(response, "default", "cache", "intel.com/sriov").Should().BeEmpty();
        PodResourcesDecoder.FindDeviceIds(response, "default", "db", "nvidia.com/gpu").Should().BeEmpty();
        PodResourcesDecoder.FindDeviceIds([], "default", "web", "intel.com/sriov").Should().BeEmpty();
    }

    [Fact]
    public void FindDeviceIds_NameAfterContainersAndUnknownFields_StillMatches()
    {
        var devices = new MemoryStream();
        PodResourcesProtobuf.WriteTag(devices, 7, 5);
        devices.Write(new byte[4]);
        PodResourcesProtobuf.WriteString(devices, 2, "b");
        PodResourcesProtobuf.WriteString(devices, 1, "r/x");
        PodResourcesProtobuf.WriteString(devices, 2, "a");
        var container = new MemoryStream();
        PodResourcesProtobuf.WriteBytes(container, 2, devices.ToArray());
        PodResourcesProtobuf.WriteTag(container, 4, 1);
        container.Write(new byte[8]);
        var pod = new MemoryStream();
        PodResourcesProtobuf.WriteBytes(pod, 3, container.ToArray());
        PodResourcesProtobuf.WriteTag(pod, 9, 0);
        PodResourcesProtobuf.WriteVarint(pod, 123456);
        PodResourcesProtobuf.WriteString(pod, 2, "ns");
        PodResourcesProtobuf.WriteString(pod, 1, "p");
        var response = new MemoryStream();
        PodResourcesProtobuf.WriteString(response, 15, "future field");
        PodResourcesProtobuf.WriteBytes(response, 1, pod.ToArray());

        PodResourcesDecoder.FindDeviceIds(response.ToArray(), "ns", "p", "r/x").Should().Equal("a", "b");
    }
}
