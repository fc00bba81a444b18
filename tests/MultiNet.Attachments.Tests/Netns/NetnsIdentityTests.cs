using System.Globalization;
using FluentAssertions;
using MultiNet.Attachments.Netns;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Attachments.Tests.Netns;

public sealed class NetnsIdentityTests
{
    [Fact]
    public void Of_OwnNetworkNamespace_EndsWithTheInodeTheKernelNamesIt()
    {
        var kernelName = new FileInfo("/proc/self/ns/net").LinkTarget!; // "net:[4026531840]"
        var inode = kernelName["net:[".Length..^1];

        NetnsIdentity.Of("/proc/self/ns/net").Should().EndWith(":" + inode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/var/run/netns/mn-no-such-namespace")]
    public void Of_NothingThere_IsNull(string? path) => NetnsIdentity.Of(path).Should().BeNull();

    [RootFact]
    public void Of_BindMountedNamespace_IsThatNamespaceAndNotAnother()
    {
        var name = $"mnid-{Guid.NewGuid():N}"[..12];
        Shell.Check("ip", "netns", "add", name);
        var pid = "";
        try
        {
            // A process inside the namespace names the same nsfs inode through /proc/<pid>/ns/net.
            pid = Shell.Check("ip", "netns", "exec", name, "sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!").Trim();
            var viaProc = NetnsIdentity.Of($"/proc/{int.Parse(pid, CultureInfo.InvariantCulture)}/ns/net");

            NetnsIdentity.Of($"/var/run/netns/{name}").Should().NotBeNull().And.Be(viaProc);
            NetnsIdentity.Of($"/var/run/netns/{name}").Should().NotBe(NetnsIdentity.Of("/proc/self/ns/net"));
        }
        finally
        {
            if (pid.Length > 0)
            {
                Shell.Run("kill", pid);
            }

            Shell.Run("ip", "netns", "del", name);
        }
    }
}
