using FluentAssertions;
using MultiNet.Plugin.Tests.Faults;
using MultiNet.Testing;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.Plugin.Tests.Security;

/// <summary>
/// The API token (inline in the kubeconfig, or a service-account token file) never reaches the log file, stderr or
/// stdout, at the most talkative log levels, on success and on every API error path.
/// </summary>
public sealed class TokenLeakTests
{
    public static TheoryData<string, bool> Cases() => new()
    {
        { "debug", false },
        { "verbose", false },
        { "debug", true },
        { "verbose", true },
    };

    [RootTheory]
    [MemberData(nameof(Cases))]
    public async Task AddAndDel_WithAToken_NeverWriteTheTokenAnywhere(string logLevel, bool tokenFile)
    {
        await using var h = await SecurityHarness.StartAsync();
        h.ConfigOverrides["logLevel"] = logLevel;
        h.ConfigOverrides["logToStderr"] = true;
        if (tokenFile)
        {
            var token = Path.Combine(h.Node.Root, "sa-token");
            File.WriteAllText(token, h.Api.Token + "\n");
            var kubeconfig = File.ReadAllText(h.Kubeconfig).Replace($"token: {h.Api.Token}", $"tokenFile: {token}", StringComparison.Ordinal);
            File.WriteAllText(h.Kubeconfig, kubeconfig);
        }

        h.AddNad("net-a", h.Macvlan("198.18.177.0/24"));
        h.AddPod("net-a");
        var outputs = new List<string>();

        // Retries (503), then success; a refused credential (401); a forbidden status write (403); DEL.
        h.Api.FailNext(2, 503, "/pods/", "GET");
        outputs.Add(Text(await h.RunAsync("ADD")));
        outputs.Add(Text(await h.RunAsync("DEL")));
        h.Api.InjectFault(r => r.Resource == "network-attachment-definitions" ? Fault.Status(401, "Unauthorized") : null);
        outputs.Add(Text(await h.RunAsync("ADD")));
        h.Api.ClearFaults();
        h.Api.InjectFault(r => r.Method == "PATCH" ? Fault.Status(403, "pods \"pod-1\" is forbidden: token rejected") : null);
        outputs.Add(Text(await h.RunAsync("ADD")));
        outputs.Add(Text(await h.RunAsync("DEL")));

        h.Log.Should().Contain("401").And.Contain("403", "the error paths ran and were logged");
        foreach (var text in outputs.Append(h.Log))
        {
            text.Should().NotContain(h.Api.Token).And.NotContain("Bearer ");
        }

        h.Node.AssertNothingLeaked();
    }

    private static string Text(MultiNet.Testing.Node.PluginProcess.Outcome outcome) => outcome.Stdout + "\n" + outcome.Stderr;
}
