using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Results;

namespace MultiNet.Attachments.Execution;

/// <summary>Step "result": the cluster network's result, or every attachment's merged with interface indexes rewritten.</summary>
internal static class ResultShaper
{
    public static CniResult Shape(Checkpoint checkpoint, ResultMode mode)
    {
        var first = checkpoint.Results.FirstOrDefault(r => r is not null) ?? new CniResult();
        if (mode == ResultMode.ClusterNetwork)
        {
            return first;
        }

        var interfaces = new List<ResultInterface>();
        var ips = new List<ResultIp>();
        var routes = new List<ResultRoute>();
        foreach (var result in checkpoint.Results)
        {
            if (result is null)
            {
                continue;
            }

            var offset = interfaces.Count;
            interfaces.AddRange(result.Interfaces);
            ips.AddRange(result.Ips.Select(ip => ip.Interface is { } index ? ip with { Interface = index + offset } : ip));
            routes.AddRange(result.Routes);
        }

        return first with { Interfaces = interfaces, Ips = ips, Routes = routes };
    }
}
