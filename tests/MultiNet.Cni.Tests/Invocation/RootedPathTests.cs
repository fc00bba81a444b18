using FluentAssertions;
using MultiNet.Cni.Invocation;
using MultiNet.Testing.Node;

namespace MultiNet.Cni.Tests.Invocation;

public sealed class RootedPathTests : IDisposable
{
    private readonly MinimalRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Resolve_LinksAndDotDot_StayInsideTheRoot()
    {
        Directory.CreateDirectory(_root.Here("/host/cni"));
        File.CreateSymbolicLink(_root.Here("/opt/cni/bin/abs"), "/host/cni/abs-target");
        File.CreateSymbolicLink(_root.Here("/opt/cni/bin/rel"), "../../../host/cni/rel-target");
        File.CreateSymbolicLink(_root.Here("/opt/cni/bin/escape"), "../../../../../../etc/passwd");
        Directory.CreateSymbolicLink(_root.Here("/cni"), "/host/cni");

        RootedPath.Resolve(_root.Path, "/opt/cni/bin/abs").Should().Be(_root.Here("/host/cni/abs-target"));
        RootedPath.Resolve(_root.Path, "/opt/cni/bin/rel").Should().Be(_root.Here("/host/cni/rel-target"));
        RootedPath.Resolve(_root.Path, "/opt/cni/bin/escape").Should().Be(_root.Here("/etc/passwd"), "\"..\" stops at the root");
        RootedPath.Resolve(_root.Path, "/cni/./x").Should().Be(_root.Here("/host/cni/x"), "a linked directory in the middle is followed too");
    }

    [Fact]
    public void Resolve_LinkLoop_IsNull()
    {
        File.CreateSymbolicLink(_root.Here("/opt/cni/bin/a"), "/opt/cni/bin/b");
        File.CreateSymbolicLink(_root.Here("/opt/cni/bin/b"), "a");

        RootedPath.Resolve(_root.Path, "/opt/cni/bin/a").Should().BeNull();
    }
}
