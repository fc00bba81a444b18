namespace MultiNet.Daemon.Tests.Integration;

/// <summary>The CNI environment forwarded in <c>env</c>: variables missing per verb, invalid values, and CNI_ARGS.</summary>
internal static partial class ThickModeSocketCorpusCases
{
    private static void AddEnvironmentCases(Dictionary<string, ThickModeSocketCorpusCase> cases)
    {
        foreach (var (command, variable) in new[]
        {
            ("ADD", "CNI_COMMAND"), ("ADD", "CNI_CONTAINERID"), ("ADD", "CNI_NETNS"), ("ADD", "CNI_IFNAME"),
            ("CHECK", "CNI_CONTAINERID"), ("CHECK", "CNI_NETNS"), ("CHECK", "CNI_IFNAME"), ("DEL", "CNI_CONTAINERID"), ("DEL", "CNI_IFNAME"),
        })
        {
            cases[$"env: {command} without {variable}"] = Env(variable, null, command, variable, "missing");
        }

        cases["env: CNI_COMMAND empty"] = Env("CNI_COMMAND", "", "ADD", "CNI_COMMAND", "missing");
        cases["env: CNI_COMMAND unknown"] = Env("CNI_COMMAND", "FROB", "ADD", "CNI_COMMAND", "\"FROB\"");
        cases["env: CNI_COMMAND in lower case"] = Env("CNI_COMMAND", "add", "ADD", "CNI_COMMAND", "\"add\"");
        cases["env: CNI_CONTAINERID a path"] = Env("CNI_CONTAINERID", "../../etc/passwd", "ADD", "CNI_CONTAINERID", "../../etc/passwd");
        cases["env: CNI_CONTAINERID with a space"] = Env("CNI_CONTAINERID", "bad id", "DEL", "CNI_CONTAINERID", "\"bad id\"");
        cases["env: CNI_CONTAINERID starting with '-'"] = Env("CNI_CONTAINERID", "-rf", "ADD", "CNI_CONTAINERID", "\"-rf\"");
        cases["env: CNI_CONTAINERID with a NUL"] = Env("CNI_CONTAINERID", "ctr\0x", "DEL", "CNI_CONTAINERID");
        cases["env: CNI_IFNAME over 15 characters"] = Env("CNI_IFNAME", "eth0123456789abc", "ADD", "CNI_IFNAME", "eth0123456789abc", "15");
        cases["env: CNI_IFNAME with a slash"] = Env("CNI_IFNAME", "eth/0", "ADD", "CNI_IFNAME", "\"eth/0\"");
        cases["env: CNI_IFNAME \"..\""] = Env("CNI_IFNAME", "..", "DEL", "CNI_IFNAME", "\"..\"");
        cases["env: CNI_IFNAME with a colon"] = Env("CNI_IFNAME", "eth0:1", "ADD", "CNI_IFNAME", "\"eth0:1\"");
        cases["env: CNI_NETNS relative"] = Env("CNI_NETNS", "var/run/netns/x", "ADD", "CNI_NETNS", "\"var/run/netns/x\" is not an absolute path");
        cases["env: CNI_CONTAINERID too long for a file name"] = Env("CNI_CONTAINERID", new string('c', 201), "ADD", "CNI_CONTAINERID", "at most 200");
        cases["env: CNI_NETNS does not exist"] = Env("CNI_NETNS", "/var/run/netns/mnd-no-such-netns", "ADD", "\"/var/run/netns/mnd-no-such-netns\"", "no such file")
            with { Status = 500, Code = 3 };
        cases["env: CNI_NETNS a regular file"] = Env("CNI_NETNS", "/etc/hostname", "ADD", "\"/etc/hostname\"", "not a network namespace")
            with { Status = 500, Code = 3 };
        cases["env: CNI_PATH missing and binDir without plugins"] = Cni(7, (env, config) =>
        {
            env.Remove("CNI_PATH");
            config["binDir"] = "/nonexistent/multinet-bin";
        }, "ADD", "\"cluster\"", "failed to find plugin \"bridge\"");
    }

    private static void AddArgumentCases(Dictionary<string, ThickModeSocketCorpusCase> cases)
    {
        cases["CNI_ARGS: K8S_POD_NAME without '='"] = Args("K8S_POD_NAMESPACE=team-a;K8S_POD_NAME", "CNI_ARGS", "\"K8S_POD_NAME\"", "KEY=VALUE");
        cases["CNI_ARGS: an empty key"] = Args("K8S_POD_NAMESPACE=team-a;=pod-1", "CNI_ARGS", "\"=pod-1\"");
        cases["CNI_ARGS: two '=' in a pair"] = Args("K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=a=b", "CNI_ARGS", "\"K8S_POD_NAME=a=b\"");
        cases["CNI_ARGS: duplicate K8S_POD_NAME, the last (invalid) one wins"] = Args("K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=pod-1;K8S_POD_NAME=Pod_1",
            "CNI_ARGS", "K8S_POD_NAME", "\"Pod_1\"");
        cases["CNI_ARGS: duplicate K8S_POD_NAMESPACE, the last one a path"] = Args("K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=pod-1;K8S_POD_NAMESPACE=../kube-system",
            "CNI_ARGS", "K8S_POD_NAMESPACE", "\"../kube-system\"");
        cases["CNI_ARGS: pod name over 253 characters"] = Args($"K8S_POD_NAMESPACE=team-a;K8S_POD_NAME={new string('p', 300)}",
            "CNI_ARGS", "K8S_POD_NAME", "longer than 253");
        cases["CNI_ARGS: namespace over 63 characters"] = Args($"K8S_POD_NAMESPACE={new string('n', 64)};K8S_POD_NAME=pod-1", "CNI_ARGS", "K8S_POD_NAMESPACE");
        cases["CNI_ARGS: 20,000 pairs, then one without '='"] = Args(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"X{i}=y;")) + "K8S_POD_NAME",
            "CNI_ARGS", "\"K8S_POD_NAME\"");
        cases["CNI_ARGS: a 500 KB pod name"] = Args($"K8S_POD_NAMESPACE=team-a;K8S_POD_NAME={new string('p', 500_000)}", "CNI_ARGS", "K8S_POD_NAME", "longer than 253");
    }

    private static ThickModeSocketCorpusCase Env(string variable, string? value, string command, params string[] parts) =>
        Cni(4, (env, _) =>
        {
            if (value is null)
            {
                env.Remove(variable);
            }
            else
            {
                env[variable] = value;
            }
        }, command, parts);

    private static ThickModeSocketCorpusCase Args(string args, params string[] parts) => Env("CNI_ARGS", args, "ADD", parts);
}
