using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Leadership;
using MultiNet.Controller.Serving;
using MultiNet.Controller.Tests.Support;
using MultiNet.Kubernetes.Api;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Leadership;

/// <summary>The Lease decides which replica writes; the clock is fake, so takeovers happen when the test says.</summary>
public class LeaderElectionTests
{
    private static readonly TimeSpan Step = new LeaderElectionOptions().RetryPeriod;
    private static readonly TimeSpan HalfStep = Step / 2;

    [Fact]
    public async Task HolderSilentForLeaseDuration_OtherTakesOver_RenewingHolderKeepsIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        string directory = Directory.CreateTempSubdirectory("multinet-lease-").FullName;
        try
        {
            var store = new KubernetesLeaseStore(KubernetesApiAccess.CreateClient(api.WriteKubeconfig(directory)), "kube-system", "multinet-controller");
            var a = new LeaseElector(store, new LeaderElectionOptions { Identity = "a" }, time);
            var b = new LeaseElector(store, new LeaderElectionOptions { Identity = "b" }, time);

            (await a.TryAcquireOrRenewAsync(CancellationToken.None)).Should().BeTrue();
            for (int i = 0; i < 10; i++)
            {
                (await b.TryAcquireOrRenewAsync(CancellationToken.None)).Should().BeFalse($"a renews (round {i})");
                time.Advance(TimeSpan.FromSeconds(10));
                (await a.TryAcquireOrRenewAsync(CancellationToken.None)).Should().BeTrue();
            }

            // a stops renewing without releasing (a crash): b waits a full lease duration from the last change it saw.
            (await b.TryAcquireOrRenewAsync(CancellationToken.None)).Should().BeFalse();
            time.Advance(TimeSpan.FromSeconds(10));
            (await b.TryAcquireOrRenewAsync(CancellationToken.None)).Should().BeFalse("10 s of silence is less than the 15 s lease");
            time.Advance(TimeSpan.FromSeconds(6));
            (await b.TryAcquireOrRenewAsync(CancellationToken.None)).Should().BeTrue();
            (await a.TryAcquireOrRenewAsync(CancellationToken.None)).Should().BeFalse("b holds it now");

            JsonObject lease = api.GetObject("Lease", "kube-system", "multinet-controller")!;
            ((string)lease["spec"]!["holderIdentity"]!).Should().Be("b");
            ((int)lease["spec"]!["leaseTransitions"]!).Should().Be(1);
            ((int)lease["spec"]!["leaseDurationSeconds"]!).Should().Be(15);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task LeaseAbsentAndCreateForbidden_ErrorNamesTheLeaseAndTheShippedObject()
    {
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        api.InjectFault(r => r.Method == "POST" && r.Resource == "leases" ? Fault.Status(403, "leases is forbidden: cannot create") : null);
        string directory = Directory.CreateTempSubdirectory("multinet-lease-").FullName;
        try
        {
            var store = new KubernetesLeaseStore(KubernetesApiAccess.CreateClient(api.WriteKubeconfig(directory)), "kube-system", "multinet-controller");
            var elector = new LeaseElector(store, new LeaderElectionOptions { Identity = "a" }, TimeProvider.System);

            Func<Task> attempt = () => elector.TryAcquireOrRenewAsync(CancellationToken.None);

            (await attempt.Should().ThrowAsync<InvalidOperationException>()).Which.Message
                .Should().Contain("lease \"kube-system/multinet-controller\" (--lease-name) does not exist and the controller may not create it")
                .And.Contain("lease.yaml").And.Contain("403");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task TwoControllers_OnlyLeaseHolderWritesSecretAndEvents_OtherTakesOverWhenItStops()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        ControllerHarness.AddWebhookConfiguration(api);
        api.AddPod("app", "web", new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "ghost" });
        ControllerHarness a = await ControllerHarness.StartSelfManagedAsync(api, configure: Named("a"), time: time);
        await using ControllerHarness b = await ControllerHarness.StartSelfManagedAsync(api, configure: Named("b"), time: time);
        try
        {
            await ControllerHarness.WaitUntilAsync(() => EventsFor(api, "web") == 1, "the leader's event on the pod");
            Holder(api).Should().Be("a");

            // Several renewals later, b has written nothing and serves a's certificate.
            for (int i = 0; i < 5; i++)
            {
                await StepAsync(api, time);
            }

            Holder(api).Should().Be("a");
            api.Count("POST", "/secrets").Should().Be(1);
            api.Count("PUT", "/secrets/").Should().Be(0);
            EventsFor(api, "web").Should().Be(1, "only the leader reports");
            (await ControllerHarness.ServedCertificateAsync(b.Http.BaseAddress!)).Thumbprint
                .Should().Be((await ControllerHarness.ServedCertificateAsync(a.Http.BaseAddress!)).Thumbprint);
        }
        finally
        {
            await a.DisposeAsync();
        }

        // a released the Lease on its way out: b takes it at its next attempt and starts the leader's work.
        Holder(api).Should().BeEmpty();
        await ControllerHarness.AdvanceUntilAsync(time, Step, HalfStep, () => Task.FromResult(Holder(api) == "b"), "b to hold the lease");
        await ControllerHarness.WaitUntilAsync(() => EventsFor(api, "web") == 2, "the new leader's look at every pod");
        api.Count("POST", "/secrets").Should().Be(1, "the valid Secret is kept");
        (await b.ReviewPodAsync(AdmissionReviews.Pod("app", "p", null))).Allowed.Should().BeTrue();
    }

    public static TheoryData<string> RenewalFaults => new() { "hang", "500" };

    [Theory]
    [MemberData(nameof(RenewalFaults))]
    public async Task LeaderWhoseRenewalsFailOrHang_StopsLeadingWithinRenewDeadline_WritesNothingAfter(string fault)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        ControllerHarness.AddWebhookConfiguration(api);
        api.AddPod("app", "web", new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "ghost" });
        await using ControllerHarness a = await ControllerHarness.StartSelfManagedAsync(api, configure: Named("a"), time: time);
        await ControllerHarness.WaitUntilAsync(() => EventsFor(api, "web") == 1, "the leader's event on the pod");
        LeaderElectionService election = a.App.Services.GetRequiredService<LeaderElectionService>();
        election.IsLeading.Should().BeTrue();
        var options = new LeaderElectionOptions();

        // The API keeps answering everything but the Lease: a slow answer (longer than any test) or 500s.
        api.InjectFault(r => r.Resource == "leases"
            ? fault == "hang" ? Fault.Slow(TimeSpan.FromMinutes(10)) : Fault.Status(500, "etcdserver: request timed out")
            : null);
        DateTimeOffset renewed = RenewTime(api);
        await ControllerHarness.AdvanceUntilAsync(time, HalfStep, HalfStep, () => Task.FromResult(!election.IsLeading), "the leader to give up");

        // It stopped before a follower, which waits a lease duration after the last renewal it saw, could take over.
        (time.GetUtcNow() - renewed).Should().BeGreaterThanOrEqualTo(options.RenewDeadline).And.BeLessThan(options.LeaseDuration);
        int secretWrites = api.Count("POST", "/secrets") + api.Count("PUT", "/secrets/");
        int patches = api.Count("PATCH", "/validatingwebhookconfigurations/");
        api.AddPod("app", "late", new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "ghost" });
        for (int i = 0; i < 5; i++)
        {
            time.Advance(Step);
            await Task.Delay(200);
        }

        EventsFor(api, "late").Should().Be(0, "a replica that stopped leading reports nothing");
        (api.Count("POST", "/secrets") + api.Count("PUT", "/secrets/")).Should().Be(secretWrites);
        api.Count("PATCH", "/validatingwebhookconfigurations/").Should().Be(patches);
        election.IsLeading.Should().BeFalse();
    }

    private static DateTimeOffset RenewTime(KubeApiStandIn api) =>
        DateTimeOffset.Parse((string)api.GetObject("Lease", "kube-system", "multinet-controller")!["spec"]!["renewTime"]!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task NoSecretAndLeaseHeldElsewhere_NotReadyUntilItLeadsAndWritesTheSecret()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        ControllerHarness.AddWebhookConfiguration(api);
        api.AddObject(new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = "multinet-controller", ["namespace"] = "kube-system" },
            ["spec"] = new JsonObject { ["holderIdentity"] = "crashed-replica", ["leaseDurationSeconds"] = 15 },
        });
        string directory = Directory.CreateTempSubdirectory("multinet-lease-").FullName;
        var options = new ControllerOptions { BindAddress = "127.0.0.1", Port = 0, LeaderElection = new LeaderElectionOptions { Identity = "me" } };
        WebApplication app = ControllerApp.Build(options, KubernetesApiAccess.CreateClient(api.WriteKubeconfig(directory)), _ => { }, time);
        await app.StartAsync();
        try
        {
            // The kubelet's probe does not check the certificate; without one the handshake itself fails.
            using var probe = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
            {
                BaseAddress = ControllerApp.Address(app),
            };

            (await ReadyAsync(probe)).Should().BeFalse("no certificate is served before a leader wrote the Secret");
            using (var liveness = new System.Net.Sockets.TcpClient())
            {
                // deploy/controller's liveness probe: a TCP connect, which needs no certificate.
                await liveness.ConnectAsync(probe.BaseAddress!.Host, probe.BaseAddress.Port);
                liveness.Connected.Should().BeTrue();
            }

            api.CountObjects("Secret").Should().Be(0, "a replica that does not lead writes nothing");

            await ControllerHarness.AdvanceUntilAsync(time, Step, HalfStep, () => ReadyAsync(probe), "readiness after taking over the silent lease");
            Holder(api).Should().Be("me");
            api.CountObjects("Secret").Should().Be(1);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient probe)
    {
        try
        {
            using HttpResponseMessage response = await probe.GetAsync("/readyz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    // About one retry period, until the holder has renewed (the Lease changed), so nobody sees it go stale.
    private static async Task StepAsync(KubeApiStandIn api, FakeTimeProvider time)
    {
        string version = LeaseVersion(api);
        await ControllerHarness.AdvanceUntilAsync(time, Step, HalfStep, () => Task.FromResult(LeaseVersion(api) != version), "the holder's renewal");
    }

    private static string LeaseVersion(KubeApiStandIn api) =>
        (string)api.GetObject("Lease", "kube-system", "multinet-controller")!["metadata"]!["resourceVersion"]!;

    private static Func<ControllerOptions, ControllerOptions> Named(string identity) =>
        o => o with { LeaderElection = o.LeaderElection with { Identity = identity } };

    private static string Holder(KubeApiStandIn api) =>
        (string?)api.GetObject("Lease", "kube-system", "multinet-controller")?["spec"]?["holderIdentity"] ?? "";

    private static int EventsFor(KubeApiStandIn api, string pod) =>
        api.Events.Count(e => (string?)e["involvedObject"]?["name"] == pod);
}
