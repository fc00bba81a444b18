using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Execution;

/// <summary>Builds the CNI environment of one delegate call: binDir first, then the runtime's CNI_PATH.</summary>
internal static class DelegateInvocations
{
    public static IReadOnlyList<string> PluginDirs(MultiNetConfig config, CniEnvironment env)
    {
        var dirs = new List<string> { config.BinDir };
        foreach (var dir in env.Path)
        {
            if (!dirs.Contains(dir))
            {
                dirs.Add(dir);
            }
        }

        return dirs;
    }

    public static DelegateInvocation For(MultiNetConfig config, CniEnvironment env, AttachmentPlan plan, PlannedAttachment attachment) => new()
    {
        ContainerId = plan.ContainerId,
        NetNs = env.NetNs,
        IfName = attachment.IfName,
        Args = attachment.Args ?? plan.DelegateArgs,
        PluginDirs = PluginDirs(config, env),
        Timeout = config.DelegateTimeout,
    };
}
