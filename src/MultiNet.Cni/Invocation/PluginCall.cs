using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Cni.Invocation;

/// <summary>
/// One plugin of a list, one command: build its request, find its binary, run it. Every error that comes out
/// says which plugin and command it was, e.g. <c>plugin "bridge" (1 of 2) ADD: …</c>.
/// </summary>
internal sealed class PluginCall(PluginProcessRunner runner, NetworkConfigList list, int index, CniCommand command)
{
    public string Type => list.Plugins[index]["type"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? v.GetValue<string>()
        : string.Empty;

    public string Context => $"plugin \"{Type}\" ({index + 1} of {list.Plugins.Count}) {CniCommandNames.ToWire(command)}";

    /// <summary>Runs the plugin with the request <paramref name="buildRequest"/> makes; returns its stdout.</summary>
    public async Task<byte[]> RunAsync(DelegateInvocation inv, Func<JsonObject> buildRequest, CancellationToken ct)
    {
        try
        {
            var request = buildRequest();
            var path = runner.Locator(inv.PluginDirs).Find(Type);
            var stdin = Encoding.UTF8.GetBytes(request.ToJsonString());
            return await runner.ExecAsync(path, command, inv, stdin, ct).ConfigureAwait(false);
        }
        catch (CniException e)
        {
            throw e.WithContext(Context);
        }
    }

    /// <summary>The result an ADD printed; null when it printed nothing (the previous result stands).</summary>
    public CniResult? ParseResult(byte[] stdout)
    {
        var text = Encoding.UTF8.GetString(stdout).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return ResultConverter.Parse(stdout, list.CniVersion);
        }
        catch (CniException e)
        {
            throw new CniException(
                CniErrorCode.DelegateFailed,
                $"{Context}: printed an invalid result: {e.Message}",
                PluginFailureReader.Truncate(text),
                e);
        }
    }
}
