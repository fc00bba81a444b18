using System.Text.Json.Nodes;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

internal static partial class BadInputCases
{
    private const string BadPlugin = "bad-plugin";

    private static void AddDefinitionCases(Dictionary<string, BadInputCase> cases)
    {
        cases["NAD: missing"] = new(100, ["\"team-a/ghost\""], h => h.AddPod("ghost"));
        cases["NAD: missing in another namespace"] = new(100, ["\"other/ghost\""], h => h.AddPod("other/ghost"));
        cases["NAD: spec.config is invalid JSON"] = Definition(6, "broken", """{"cniVersion": "1.0.0", "type": """, "spec.config");
        cases["NAD: spec.config is not an object"] = Definition(6, "array-config", "[1, 2]", "spec.config");
        cases["NAD: no type"] = Definition(7, "notype", """{"cniVersion": "1.0.0"}""", "\"type\"");
        cases["NAD: a list plugin without type"] = Definition(7, "typeless", """{"cniVersion": "1.0.0", "plugins": [{"mtu": 1400}]}""", "\"type\"");
        cases["NAD: a list without plugins"] = Definition(7, "no-plugins", """{"cniVersion": "1.0.0", "plugins": []}""", "plugins");
        cases["NAD: unknown cniVersion"] = Definition(1, "future", """{"cniVersion": "9.9.9", "type": "macvlan"}""", "9.9.9");
        cases["NAD: empty spec.config and nothing in confDir"] = Definition(100, "nowhere", null, "nowhere");
    }

    private static void AddConfigCases(Dictionary<string, BadInputCase> cases)
    {
        cases["config: unknown cniVersion"] = ConfigCase(1, "cniVersion", "9.9.9", "\"cniVersion\"", "9.9.9") with { ConfigRefused = true };
        cases["config: neither clusterNetwork nor delegates"] = ConfigCase(7, "delegates", new JsonArray(), "\"clusterNetwork\"", "\"delegates\"") with { ConfigRefused = true };
        cases["config: clusterNetwork not found"] = ConfigCase(100, "clusterNetwork", "ghost-cluster", "\"clusterNetwork\"", "ghost-cluster");
        cases["config: defaultNetworks entry not found"] = ConfigCase(100, "defaultNetworks", new JsonArray("ghost-default"), "\"defaultNetworks\"", "ghost-default");
        cases["config: unknown logLevel"] = ConfigCase(7, "logLevel", "loud", "\"logLevel\"", "loud") with { ConfigRefused = true };
        cases["config: unknown resultMode"] = ConfigCase(7, "resultMode", "everything", "\"resultMode\"", "everything") with { ConfigRefused = true };
        cases["config: daemonSocketDir that does not exist (thick mode, no daemon)"] =
            new(11, ["multinetd is not ready on socket", "\"/nonexistent/multinet/multinet.sock\"", "does not exist"], h =>
            {
                h.ConfigOverrides["daemonSocketDir"] = "/nonexistent/multinet";
                h.ConfigOverrides["daemonReadyTimeoutSeconds"] = 0;
                h.AddPod(null);
            });
        cases["config: invalid JSON"] = new(6, ["network config", "invalid JSON"], h => h.AddPod(null))
        {
            Run = h => h.RunAsync("ADD", config: """{"cniVersion": "1.0.0", "name": """),
            ConfigRefused = true,
        };
        cases["config: inline delegate without type"] = new(7, ["delegates[0]", "\"type\""], h =>
        {
            h.ClusterDelegate = Conf("""{"cniVersion": "1.0.0", "name": "cluster"}""");
            h.AddPod(null);
        });
    }

    private static void AddDelegateCases(Dictionary<string, BadInputCase> cases)
    {
        cases["delegate: exits non-zero silently"] = Scripted("crash", "exit 3", 102, "exited with code 3");
        cases["delegate: exits non-zero printing garbage"] = Scripted("garbage-error", "echo 'segfault: core dumped'; exit 1", 102, "invalid error message");
        cases["delegate: exits 0 printing garbage"] = Scripted("garbage", "echo 'hello, this is not JSON'", 102, "invalid result");
        cases["delegate: exits 0 printing a malformed result"] = Scripted("bad-result", """echo '{"cniVersion": "1.0.0", "ips": "nope"}'""", 102, "invalid result");
        cases["delegate: its own CNI error keeps its code"] = Scripted("busy",
            """echo '{"cniVersion": "1.0.0", "code": 11, "msg": "device busy, try again"}'; exit 1""", 11, "device busy, try again");
        cases["delegate: outlives delegateTimeoutSeconds"] = Scripted("slow", "exec sleep 30", 102, "timed out") with
        {
            Arrange = h =>
            {
                h.ConfigOverrides["delegateTimeoutSeconds"] = 1;
                ArrangeScripted(h, "slow", "exec sleep 30");
            },
        };
        cases["delegate: second plugin of a list fails"] = new(102, ["\"team-a/half\"", $"\"{BadPlugin}\" (2 of 2)", "exited with code 2"], h =>
        {
            ScriptPlugins.FailingOnAdd(h, BadPlugin, "exit 2");
            var macvlan = h.Macvlan("198.18.162.0/24");
            macvlan.Remove("cniVersion");
            h.AddNad("half", new JsonObject
            {
                ["cniVersion"] = "1.0.0",
                ["plugins"] = new JsonArray(macvlan, new JsonObject { ["type"] = BadPlugin }),
            });
            h.AddPod("half");
        })
        { ClusterAttachedFirst = true };
        cases["delegate: type found nowhere"] = Typed("no-such-plugin-mn", "failed to find plugin \"no-such-plugin-mn\"");
        cases["delegate: type ../bridge leaves binDir"] = Typed("../bridge", "field \"type\"", "\"../bridge\"");
        cases["delegate: type /usr/lib/cni/bridge is a path"] = Typed("/usr/lib/cni/bridge", "field \"type\"", "\"/usr/lib/cni/bridge\"");
        cases["delegate: type is an absolute path to a script"] = Typed("", "field \"type\"", "is not a plugin name") with
        {
            Arrange = h =>
            {
                ArrangeEscape(h);
                h.AddNad("escape", new JsonObject { ["cniVersion"] = "1.0.0", ["type"] = Path.Combine(h.Node.Root, "bridge") });
                h.AddPod("escape");
            },
        };
        cases["delegate: the cluster network prints garbage"] = new(102, ["\"cluster\"", "invalid result"], h =>
        {
            ScriptPlugins.FailingOnAdd(h, BadPlugin, "echo 'not a result'");
            h.ClusterDelegate = Conf($$"""{"cniVersion": "1.0.0", "name": "cluster", "type": "{{BadPlugin}}"}""");
            h.AddNad("net-a", h.Macvlan("198.18.162.0/24"));
            h.AddPod("net-a");
        });
    }

    private static void AddEnvironmentCases(Dictionary<string, BadInputCase> cases)
    {
        foreach (var variable in new[] { "CNI_COMMAND", "CNI_CONTAINERID", "CNI_IFNAME", "CNI_NETNS" })
        {
            cases[$"environment: {variable} missing"] = EnvironmentCase(variable, null, variable, "missing");
        }

        cases["environment: CNI_IFNAME over 15 characters"] = EnvironmentCase("CNI_IFNAME", "eth0123456789abc", "CNI_IFNAME", "eth0123456789abc");
        cases["environment: CNI_IFNAME with a slash"] = EnvironmentCase("CNI_IFNAME", "eth/0", "CNI_IFNAME", "eth/0");
        cases["environment: CNI_CONTAINERID with a space"] = EnvironmentCase("CNI_CONTAINERID", "bad id", "CNI_CONTAINERID", "bad id");
        cases["environment: unknown CNI_COMMAND"] = EnvironmentCase("CNI_COMMAND", "FROB", "CNI_COMMAND", "FROB");
        cases["environment: CNI_NETNS relative"] = EnvironmentCase("CNI_NETNS", "var/run/netns/x", "CNI_NETNS", "\"var/run/netns/x\" is not an absolute path");
        cases["environment: CNI_CONTAINERID too long for a checkpoint file name"] =
            EnvironmentCase("CNI_CONTAINERID", new string('c', 243), "CNI_CONTAINERID", "243 characters long; at most 200");
    }

    private static BadInputCase ConfigCase(int code, string key, JsonNode value, params string[] parts) =>
        new(code, parts, h =>
        {
            h.ConfigOverrides[key] = value.DeepClone();
            h.AddPod(null);
        });

    private static BadInputCase Scripted(string nad, string onAdd, int code, string part) =>
        new(code, [$"\"team-a/{nad}\"", $"\"{BadPlugin}\"", part], h => ArrangeScripted(h, nad, onAdd)) { ClusterAttachedFirst = true };

    private static void ArrangeScripted(ThinModeHarness h, string nad, string onAdd)
    {
        ScriptPlugins.FailingOnAdd(h, BadPlugin, onAdd);
        h.AddNad(nad, new JsonObject { ["cniVersion"] = "1.0.0", ["type"] = BadPlugin });
        h.AddPod(nad);
    }

    /// <summary>
    /// A NAD whose <c>type</c> cannot be run (found nowhere, or naming a binary outside binDir);
    /// <c>&lt;root&gt;/bridge</c> (binDir/../bridge) is a script that leaves a marker if it ever runs.
    /// </summary>
    private static BadInputCase Typed(string type, params string[] parts) =>
        new(7, ["\"team-a/escape\"", .. parts], h =>
        {
            ArrangeEscape(h);
            h.AddNad("escape", new JsonObject { ["cniVersion"] = "1.0.0", ["type"] = type });
            h.AddPod("escape");
        })
        {
            ClusterAttachedFirst = true,
            MustNotExist = EscapeMarker,
        };

    private static void ArrangeEscape(ThinModeHarness h)
    {
        ScriptPlugins.Install(h, "harmless", "exit 0");
        ScriptPlugins.Write(Path.Combine(h.Node.Root, "bridge"), $"touch {EscapeMarker(h)}\nexec /usr/lib/cni/bridge");
    }

    private static string EscapeMarker(ThinModeHarness h) => Path.Combine(h.Node.Root, "escaped");

    private static BadInputCase EnvironmentCase(string variable, string? value, params string[] parts) =>
        new(4, parts, h => h.AddPod(null))
        {
            Run = h =>
            {
                var env = PluginProcess.Env("ADD", h.ContainerId, h.Node.NetnsPath, "eth0", h.PodNamespace, h.PodName, h.PodUid);
                if (value is null)
                {
                    env.Remove(variable);
                }
                else
                {
                    env[variable] = value;
                }

                return PluginProcess.RunAsync(env, h.Config());
            },
        };
}
