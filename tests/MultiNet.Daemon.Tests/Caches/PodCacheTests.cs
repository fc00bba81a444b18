using FluentAssertions;
using MultiNet.Attachments.Cluster;
using MultiNet.Daemon.Caches;
using MultiNet.KubeApi;

namespace MultiNet.Daemon.Tests.Caches;

public sealed class PodCacheTests
{
    [Fact]
    public void Upsert_Pod_KeepsOnlyTheAnnotationsTheEngineReads()
    {
        var cache = new PodCache();

        cache.Upsert(Pod("ns", "p", "uid-1", new()
        {
            ["k8s.v1.cni.cncf.io/networks"] = "net-a",
            ["v1.multus-cni.io/default-network"] = "def",
            ["kubectl.kubernetes.io/last-applied-configuration"] = new string('x', 10_000),
            ["k8s.v1.cni.cncf.io/network-status"] = "[]",
        }));

        var pod = cache.Store.Find("ns", "p")!;
        pod.Uid.Should().Be("uid-1");
        pod.Annotations.Keys.Should().BeEquivalentTo("k8s.v1.cni.cncf.io/networks", "v1.multus-cni.io/default-network");
    }

    [Fact]
    public void Replace_AfterRelist_DropsPodsNotListed()
    {
        var cache = new PodCache();
        cache.Upsert(Pod("ns", "gone", "u1"));

        cache.Replace([Pod("ns", "kept", "u2")]);

        cache.Store.Find("ns", "gone").Should().BeNull();
        cache.Store.Find("ns", "kept").Should().NotBeNull();
        cache.Store.Count.Should().Be(1);
    }

    [Fact]
    public async Task PodLookup_CachedPodWithOtherUid_AsksTheApi()
    {
        var cache = new PodCache();
        cache.Upsert(Pod("ns", "p", "old-uid"));
        var live = new CountingSource(new PodInfo { Namespace = "ns", Name = "p", Uid = "new-uid" });

        var same = await new PodLookup(cache, live, "old-uid").GetPodAsync("ns", "p", CancellationToken.None);
        var recreated = await new PodLookup(cache, live, "new-uid").GetPodAsync("ns", "p", CancellationToken.None);
        var missing = await new PodLookup(cache, live, null).GetPodAsync("ns", "other", CancellationToken.None);

        same!.Uid.Should().Be("old-uid");
        recreated!.Uid.Should().Be("new-uid");
        missing.Should().NotBeNull();
        live.Calls.Should().Be(2, "only the re-created pod and the miss need the API");
    }

    private static PodWire Pod(string ns, string name, string uid, Dictionary<string, string>? annotations = null) =>
        new() { Metadata = new ObjectMetaWire { Namespace = ns, Name = name, Uid = uid, Annotations = annotations } };

    private sealed class CountingSource(PodInfo answer) : IPodSource
    {
        public int Calls { get; private set; }

        public Task<PodInfo?> GetPodAsync(string podNamespace, string podName, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<PodInfo?>(answer);
        }
    }
}
