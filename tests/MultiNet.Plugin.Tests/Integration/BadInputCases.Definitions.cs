using System.Text.Json.Nodes;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>More bad NAD configs (fields of the wrong kind, JSON the reader refuses) and more bad plugin configs.</summary>
internal static partial class BadInputCases
{
    private static void AddMoreDefinitionCases(Dictionary<string, BadInputCase> cases)
    {
        cases["NAD: spec.config is a JSON string"] = Definition(6, "string-config", "\"macvlan\"", "spec.config");
        cases["NAD: spec.config with a trailing comma"] = Definition(6, "comma", """{"cniVersion": "1.0.0", "type": "macvlan",}""", "spec.config");
        cases["NAD: spec.config nested too deep"] = Definition(6, "deep",
            """{"cniVersion": "1.0.0", "type": "macvlan", "x": """ + new string('[', 200) + new string(']', 200) + "}", "spec.config");
        cases["NAD: type of the wrong type"] = Definition(7, "numtype", """{"cniVersion": "1.0.0", "type": 5}""", "\"type\"");
        cases["NAD: cniVersion of the wrong type"] = Definition(7, "numversion", """{"cniVersion": 1, "type": "macvlan"}""", "\"cniVersion\"");
        cases["NAD: plugins not an array"] = Definition(7, "plugins-object", """{"cniVersion": "1.0.0", "plugins": {"type": "macvlan"}}""", "plugins");
        cases["NAD: a plugin that is not an object"] = Definition(7, "plugins-number", """{"cniVersion": "1.0.0", "plugins": [1]}""", "plugins[0]");
        cases["NAD: disableCheck not a boolean"] = Definition(7, "check-string",
            """{"cniVersion": "1.0.0", "disableCheck": "yes", "plugins": [{"type": "macvlan"}]}""", "disableCheck");
        cases["NAD: capabilities not an object"] = Definition(7, "caps-array",
            """{"cniVersion": "1.0.0", "type": "macvlan", "capabilities": ["ips"]}""", "capabilities");
        cases["NAD: type with a space"] = Definition(7, "spacetype", """{"cniVersion": "1.0.0", "type": "mac vlan"}""", "mac vlan");
        cases["NAD: resourceName without a kubelet to ask"] = new(109, ["\"team-a/devices\"", "example.com/nic"], h =>
        {
            h.ConfigOverrides["podResourcesSocket"] = Path.Combine(h.Node.Root, "no-kubelet.sock");
            h.ConfigOverrides["kubeletCheckpointFile"] = Path.Combine(h.Node.Root, "no-checkpoint");
            h.AddNad("devices", h.Macvlan("198.18.162.0/24"), resourceName: "example.com/nic");
            h.AddPod("devices");
        });

        cases["config: empty stdin"] = new(6, ["network config", "invalid JSON"], h => h.AddPod(null))
        {
            Run = h => h.RunAsync("ADD", config: ""),
            ConfigRefused = true,
        };
        cases["config: a JSON array"] = new(6, ["network config", "object"], h => h.AddPod(null))
        {
            Run = h => h.RunAsync("ADD", config: "[]"),
            ConfigRefused = true,
        };
        cases["config: cniVersion of the wrong type"] = ConfigCase(7, "cniVersion", 1, "\"cniVersion\"") with { ConfigRefused = true };
        cases["config: delegates not an array"] = ConfigCase(7, "delegates", new JsonObject(), "\"delegates\"") with { ConfigRefused = true };
        cases["config: a delegate that is not an object"] = ConfigCase(7, "delegates", new JsonArray(1), "delegates[0]") with { ConfigRefused = true };
        cases["config: namespaceIsolation not a boolean"] = ConfigCase(7, "namespaceIsolation", "yes", "\"namespaceIsolation\"") with { ConfigRefused = true };
        cases["config: delegateTimeoutSeconds negative"] = ConfigCase(7, "delegateTimeoutSeconds", -1, "\"delegateTimeoutSeconds\"") with { ConfigRefused = true };
        cases["config: delegateTimeoutSeconds a string"] = ConfigCase(7, "delegateTimeoutSeconds", "60s", "\"delegateTimeoutSeconds\"") with { ConfigRefused = true };
        cases["config: defaultNetworks not a list of names"] = ConfigCase(7, "defaultNetworks", new JsonArray(1), "\"defaultNetworks[0]\"") with { ConfigRefused = true };
        cases["config: runtimeConfig not an object"] = ConfigCase(7, "runtimeConfig", "x", "\"runtimeConfig\"") with { ConfigRefused = true };
        cases["config: kubeconfig file missing"] = new(7, ["kubeconfig"], h =>
        {
            h.ConfigOverrides["kubeconfig"] = Path.Combine(h.Node.Root, "no-such-kubeconfig");
            h.AddPod(null);
        })
        { ConfigRefused = true };
        cases["config: kubeconfig file not YAML"] = new(7, ["kubeconfig"], h =>
        {
            var path = Path.Combine(h.Node.Root, "garbage-kubeconfig");
            File.WriteAllText(path, "\u0001\u0002 this is: [not: a kubeconfig");
            h.ConfigOverrides["kubeconfig"] = path;
            h.AddPod(null);
        })
        { ConfigRefused = true };
    }
}
