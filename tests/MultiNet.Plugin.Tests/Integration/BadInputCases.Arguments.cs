using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>More bad CNI parameters: CNI_ARGS, identifiers that could name a path, namespaces, and verbs the config's version lacks.</summary>
internal static partial class BadInputCases
{
    private static void AddArgumentCases(Dictionary<string, BadInputCase> cases)
    {
        var pod = "K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=pod-1";
        cases["CNI_ARGS: a pair without '='"] = EnvironmentCase("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE", "CNI_ARGS", "K8S_POD_NAMESPACE");
        cases["CNI_ARGS: an empty key"] = EnvironmentCase("CNI_ARGS", $"{pod};=value", "CNI_ARGS", "=value");
        cases["CNI_ARGS: two '=' in a pair"] = EnvironmentCase("CNI_ARGS", $"{pod};A=b=c", "CNI_ARGS", "A=b=c");
        cases["CNI_ARGS: namespace not a DNS label"] = EnvironmentCase("CNI_ARGS", "K8S_POD_NAMESPACE=Team_A;K8S_POD_NAME=pod-1", "K8S_POD_NAMESPACE", "Team_A");
        cases["CNI_ARGS: namespace with a slash"] = EnvironmentCase("CNI_ARGS", "K8S_POD_NAMESPACE=../kube-system;K8S_POD_NAME=pod-1", "K8S_POD_NAMESPACE", "../kube-system");
        cases["CNI_ARGS: pod name with a slash"] = EnvironmentCase("CNI_ARGS", "K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=pod-1/status", "K8S_POD_NAME", "pod-1/status");
        cases["CNI_ARGS: pod name in upper case"] = EnvironmentCase("CNI_ARGS", "K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=Pod-1", "K8S_POD_NAME", "Pod-1");
        cases["CNI_ARGS: pod name with a newline"] = EnvironmentCase("CNI_ARGS", "K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=pod\n1", "K8S_POD_NAME");
        cases["CNI_CONTAINERID: a path"] = EnvironmentCase("CNI_CONTAINERID", "../../etc/passwd", "CNI_CONTAINERID", "../../etc/passwd");
        cases["CNI_CONTAINERID: a hidden file name"] = EnvironmentCase("CNI_CONTAINERID", ".ctr", "CNI_CONTAINERID", ".ctr");
        cases["CNI_COMMAND: lower case"] = EnvironmentCase("CNI_COMMAND", "add", "CNI_COMMAND", "add");
        cases["CNI_IFNAME: \"..\""] = EnvironmentCase("CNI_IFNAME", "..", "CNI_IFNAME", "..");
        cases["CNI_IFNAME: with a space"] = EnvironmentCase("CNI_IFNAME", "eth 0", "CNI_IFNAME", "eth 0");
        // Code 3 (the container does not exist), naming the path.
        cases["CNI_NETNS: does not exist"] = EnvironmentCase("CNI_NETNS", "/var/run/netns/mnf-no-such-netns", "\"/var/run/netns/mnf-no-such-netns\"", "no such file")
            with { Code = 3 };
        cases["CNI_NETNS: a regular file"] = new(3, ["\"/etc/hostname\"", "not a network namespace"], h => h.AddPod(null))
        {
            Run = h => h.RunAsync("ADD", netns: "/etc/hostname"),
        };
        cases["CNI_PATH: no plugin anywhere"] = new(7, ["\"cluster\"", "failed to find plugin \"bridge\""], h =>
        {
            h.ConfigOverrides["binDir"] = h.Node.ConfDir; // holds no plugin
            h.AddPod(null);
        })
        {
            Run = h =>
            {
                var env = PluginProcess.Env("ADD", h.ContainerId, h.Node.NetnsPath, "eth0", h.PodNamespace, h.PodName, h.PodUid);
                env.Remove("CNI_PATH");
                return PluginProcess.RunAsync(env, h.Config());
            },
        };
        cases["CHECK: cniVersion 0.3.1"] = ConfigCase(1, "cniVersion", "0.3.1", "\"cniVersion\"", "0.4.0") with
        {
            Run = h => h.RunAsync("CHECK"),
        };
        cases["GC: cniVersion 1.0.0"] = ConfigCase(1, "cniVersion", "1.0.0", "\"cniVersion\"", "1.1.0") with
        {
            Run = h => h.RunAsync("GC"),
        };
    }
}
