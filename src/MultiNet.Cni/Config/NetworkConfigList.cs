using System.Text;
using System.Text.Json.Nodes;
using MultiNet.Cni.Json;

namespace MultiNet.Cni.Config;

/// <summary>
/// A network configuration list (conflist). A single-plugin conf is held as a one-plugin list
/// (<see cref="IsSingleConf"/> remembers which it was). Plugin objects stay <see cref="JsonObject"/>s so
/// unknown keys pass through untouched.
/// </summary>
public sealed record NetworkConfigList
{
    /// <summary>The network name (<c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The selected <c>cniVersion</c>.</summary>
    public required string CniVersion { get; init; }

    /// <summary><c>disableCheck</c> (bool or "true" string).</summary>
    public bool DisableCheck { get; init; }

    /// <summary><c>disableGC</c>.</summary>
    public bool DisableGc { get; init; }

    /// <summary>The plugins, in order.</summary>
    public required IReadOnlyList<JsonObject> Plugins { get; init; }

    /// <summary>True when the source was a single-plugin conf rather than a conflist.</summary>
    public bool IsSingleConf { get; init; }

    /// <summary>
    /// Parses a conflist (<c>plugins</c>) or a single conf (<c>type</c>). Invalid JSON is code 6, a missing or
    /// invalid field code 7, no supported <c>cniVersion</c> code 1.
    /// </summary>
    public static NetworkConfigList Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return NetworkConfigParser.Parse(JsonInput.ParseObject(Encoding.UTF8.GetBytes(json), "network config"));
    }

    /// <summary>Parses an already-parsed config; <paramref name="obj"/> is copied, not kept.</summary>
    public static NetworkConfigList Parse(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return NetworkConfigParser.Parse((JsonObject)obj.DeepClone());
    }

    /// <summary>
    /// The config as JSON again: a conf stays a conf (its <c>name</c> and <c>cniVersion</c> set from this list),
    /// a list stays a list. <see cref="Parse(JsonObject)"/> of it gives an equal list.
    /// </summary>
    public JsonObject ToJson()
    {
        if (IsSingleConf && Plugins.Count == 1)
        {
            var conf = (JsonObject)Plugins[0].DeepClone();
            conf.Remove("cniVersions");
            conf["name"] = Name;
            conf["cniVersion"] = CniVersion;
            SetFlag(conf, "disableCheck", DisableCheck);
            SetFlag(conf, "disableGC", DisableGc);
            return conf;
        }

        var list = new JsonObject { ["cniVersion"] = CniVersion, ["name"] = Name };
        if (DisableCheck)
        {
            list["disableCheck"] = true;
        }

        if (DisableGc)
        {
            list["disableGC"] = true;
        }

        list["plugins"] = new JsonArray([.. Plugins.Select(p => p.DeepClone())]);
        return list;
    }

    private static void SetFlag(JsonObject obj, string name, bool value)
    {
        if (value)
        {
            obj[name] = true;
        }
        else
        {
            obj.Remove(name);
        }
    }
}
