using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.NetworkPlumbing.Tests.Selection;

internal static class SelectionAssertions
{
    public const string Prefix = "annotation \"k8s.v1.cni.cncf.io/networks\": ";

    public static CniException ParseFails(string annotation, string defaultNamespace = "pod-ns")
    {
        Action act = () => NetworkSelectionParser.Parse(annotation, defaultNamespace);
        CniException e = act.Should().Throw<CniException>().Which;
        e.Code.Should().Be(CniErrorCode.InvalidNetworkSelection);
        e.Message.Should().StartWith(Prefix);
        return e;
    }
}
