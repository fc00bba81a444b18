using System.Text.Json.Nodes;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>The network config forwarded in <c>stdin</c>: refused by the parser, by a verb's version, or by the delegate rules.</summary>
internal static partial class ThickModeSocketCorpusCases
{
    private static void AddConfigCases(Dictionary<string, ThickModeSocketCorpusCase> cases)
    {
        cases["config: unknown cniVersion"] = Config(1, "cniVersion", "9.9.9", "\"cniVersion\"", "9.9.9");
        cases["config: cniVersion a number"] = Config(7, "cniVersion", 1.0, "\"cniVersion\"", "expected a string");
        cases["config: name a number"] = Config(7, "name", 42, "\"name\"", "expected a string");
        cases["config: delegates empty, no clusterNetwork"] = Config(7, "delegates", new JsonArray(), "\"clusterNetwork\"", "\"delegates\"");
        cases["config: delegates an object"] = Config(7, "delegates", new JsonObject { ["type"] = "bridge" }, "\"delegates\"", "array");
        cases["config: delegates[0] a string"] = Config(7, "delegates", new JsonArray("bridge"), "\"delegates[0]\"");
        cases["config: clusterNetwork a number"] = Config(7, "clusterNetwork", 7, "\"clusterNetwork\"");
        cases["config: logLevel unknown"] = Config(7, "logLevel", "loud", "\"logLevel\"", "loud");
        cases["config: resultMode unknown"] = Config(7, "resultMode", "everything", "\"resultMode\"", "everything");
        cases["config: delegateTimeoutSeconds 0"] = Config(7, "delegateTimeoutSeconds", 0, "\"delegateTimeoutSeconds\"");
        cases["config: namespaceIsolation \"maybe\""] = Config(7, "namespaceIsolation", "maybe", "\"namespaceIsolation\"");
        cases["config: delegate type ../bridge"] = Delegate("../bridge", "field \"type\"", "\"../bridge\"");
        cases["config: delegate type an absolute path"] = Delegate("/usr/lib/cni/bridge", "field \"type\"", "\"/usr/lib/cni/bridge\"");
        cases["config: delegate without type"] = Cni(7, (_, config) => config["delegates"]![0]!["plugins"]![0]!.AsObject().Remove("type"), "ADD", "\"type\"");
        cases["config: CHECK with cniVersion 0.3.1"] = Cni(1, (_, config) => config["cniVersion"] = "0.3.1", "CHECK", "\"cniVersion\"", "0.4.0");
        cases["config: GC with cniVersion 1.0.0"] = Cni(1, (_, _) => { }, "GC", "\"cniVersion\"", "1.1.0");
        cases["config: STATUS with cniVersion 0.4.0"] = Cni(1, (_, config) => config["cniVersion"] = "0.4.0", "STATUS", "\"cniVersion\"", "1.1.0");
    }

    private static ThickModeSocketCorpusCase Config(int code, string key, JsonNode value, params string[] parts) =>
        Cni(code, (_, config) => config[key] = value.DeepClone(), "ADD", ["network config", .. parts]);

    private static ThickModeSocketCorpusCase Delegate(string type, params string[] parts) =>
        Cni(7, (_, config) => config["delegates"]![0]!["plugins"]![0]!["type"] = type, "ADD", ["\"cluster\"", .. parts]);
}
