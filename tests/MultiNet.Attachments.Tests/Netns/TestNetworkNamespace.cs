using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MultiNet.Attachments.Tests.Netns;

/// <summary>A fresh, uniquely named netns driven through `ip -n`; deleted on dispose, which then checks it is gone.</summary>
internal sealed class TestNetworkNamespace : IDisposable
{
    private TestNetworkNamespace(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string Path => $"/var/run/netns/{Name}";

    /// <summary>The namespace's inode, as /proc/*/ns/net links show it.</summary>
    public string Inode => Run("stat", "-L", "-c", "%i", Path).Trim();

    public static TestNetworkNamespace Create()
    {
        var name = "mnt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        Run("ip", "netns", "add", name);
        return new TestNetworkNamespace(name);
    }

    /// <summary>Adds a veth pair inside the netns, both ends up.</summary>
    public void AddVethPair(string name, string peer)
    {
        Ip("link", "add", "name", name, "type", "veth", "peer", "name", peer);
        Ip("link", "set", name, "up");
        Ip("link", "set", peer, "up");
    }

    public string Ip(params string[] args) => Run("ip", ["-n", Name, .. args]);

    public JsonArray IpJson(params string[] args) =>
        JsonNode.Parse(Run("ip", ["-n", Name, "-j", .. args]))!.AsArray();

    /// <summary>`ip -j route show default` as (dev, gateway) pairs, one per next hop.</summary>
    public List<(string IfName, IPAddress? Gateway)> IpDefaultRoutes(bool ipv6)
    {
        var routes = IpJson(ipv6 ? "-6" : "-4", "route", "show", "default");
        var pairs = new List<(string, IPAddress?)>();
        foreach (var route in routes.Select(r => r!.AsObject()))
        {
            var hops = route["nexthops"]?.AsArray().Select(h => h!.AsObject()) ?? [route];
            foreach (var hop in hops)
            {
                var gateway = hop["gateway"]?.GetValue<string>();
                pairs.Add((hop["dev"]!.GetValue<string>(), gateway is null ? null : IPAddress.Parse(gateway)));
            }
        }

        return pairs;
    }

    public void Dispose()
    {
        Run("ip", "netns", "del", Name);
        File.Exists(Path).Should().BeFalse($"netns {Name} must not leak");
        Run("ip", "netns", "list").Should().NotContain(Name);
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        }

        return stdout.Result;
    }
}
