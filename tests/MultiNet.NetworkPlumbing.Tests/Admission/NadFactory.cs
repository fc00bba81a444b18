using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.NetworkPlumbing.Tests.Admission;

internal static class NadFactory
{
    public static NetworkAttachmentDefinition Nad(string config, string name = "net-a", string ns = "default") =>
        new() { Namespace = ns, Name = name, Config = config };

    // A valid bridge conf around the given ipam object.
    public static NetworkAttachmentDefinition WithIpam(string ipam) =>
        Nad($$"""{"cniVersion":"1.0.0","name":"net-a","type":"bridge","ipam":{{ipam}}}""");
}
