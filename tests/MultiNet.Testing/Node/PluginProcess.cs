using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MultiNet.Testing.Node;

/// <summary>Runs the published <c>multinet</c> binary the way a container runtime does: CNI env, config on stdin.</summary>
public static class PluginProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public JsonObject Json => JsonNode.Parse(Stdout) as JsonObject
            ?? throw new InvalidOperationException($"stdout is not a JSON object: {Stdout}");
    }

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> env, string stdin, string? binary = null)
    {
        var psi = new ProcessStartInfo(binary ?? RepoLayout.Plugin)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var p = await StartAsync(psi);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        return new Outcome(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts the process as a runtime does, retrying "text file busy": a script the test has just written can still be
    /// open for writing in a child another thread is forking at that moment (until its exec closes it).
    /// </summary>
    private static async Task<Process> StartAsync(ProcessStartInfo psi)
    {
        const int TextFileBusy = 26;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Process.Start(psi)!;
            }
            catch (System.ComponentModel.Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < 5)
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    /// <summary>The CNI environment of one call.</summary>
    public static Dictionary<string, string> Env(string command, string containerId, string? netns, string ifName = "eth0",
        string? podNamespace = null, string? podName = null, string? podUid = null)
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = containerId,
            ["CNI_IFNAME"] = ifName,
            ["CNI_PATH"] = RepoLayout.ReferencePlugins,
        };
        if (netns is not null)
        {
            env["CNI_NETNS"] = netns;
        }

        if (podNamespace is not null)
        {
            env["CNI_ARGS"] = $"IgnoreUnknown=1;K8S_POD_NAMESPACE={podNamespace};K8S_POD_NAME={podName};K8S_POD_INFRA_CONTAINER_ID={containerId}"
                + (podUid is null ? "" : $";K8S_POD_UID={podUid}");
        }

        return env;
    }
}
