using System.Text.Json.Nodes;
using MultiNet.Controller.Tests.Support;

namespace MultiNet.Controller.Tests.Corpus;

/// <summary>One controller for the whole corpus: cluster.yaml's NADs and every case's supporting objects in the stand-in.</summary>
public sealed class CorpusController : IAsyncLifetime
{
    internal ControllerHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var objects = CorpusCase.Cluster().Concat(CorpusCase.Files().SelectMany(f => CorpusCase.Load(f).Support)).ToList();
        Harness = await ControllerHarness.StartAsync(
            api => objects.ForEach(o => api.AddObject((JsonObject)o.DeepClone())),
            o => o with { Rules = o.Rules with { NamespaceIsolation = true } });
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
