using System.Net.Sockets;
using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Devices;

/// <summary>
/// Device IDs the kubelet's device manager allocated to a pod: from the PodResources API (v1 List) on the
/// kubelet's socket, or, when that socket is missing or fails, from the device manager's checkpoint file.
/// </summary>
public sealed class KubeletDeviceAllocations : IDeviceAllocationSource
{
    /// <summary>The kubelet's PodResources socket.</summary>
    public const string DefaultPodResourcesSocket = "/var/lib/kubelet/pod-resources/kubelet.sock";

    /// <summary>The kubelet device manager's checkpoint file.</summary>
    public const string DefaultCheckpointFile = "/var/lib/kubelet/device-plugins/kubelet_internal_checkpoint";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly string podResourcesSocket;
    private readonly string checkpointFile;
    private readonly TimeSpan timeout;

    /// <summary>Reads allocations from the given socket and checkpoint file; <paramref name="timeout"/> bounds the List call (10 s by default).</summary>
    public KubeletDeviceAllocations(
        string podResourcesSocket = DefaultPodResourcesSocket,
        string checkpointFile = DefaultCheckpointFile,
        TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(podResourcesSocket);
        ArgumentException.ThrowIfNullOrEmpty(checkpointFile);
        this.podResourcesSocket = podResourcesSocket;
        this.checkpointFile = checkpointFile;
        this.timeout = timeout ?? DefaultTimeout;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> GetDeviceIdsAsync(PodInfo pod, string resourceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentException.ThrowIfNullOrEmpty(resourceName);

        string socketProblem;
        if (File.Exists(podResourcesSocket))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                var response = await PodResourcesClient.ListAsync(podResourcesSocket, deadline.Token).ConfigureAwait(false);
                return PodResourcesDecoder.FindDeviceIds(response, pod.Namespace, pod.Name, resourceName);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socketProblem = $"no answer within {timeout.TotalSeconds}s";
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException or InvalidDataException or CniException)
            {
                socketProblem = e.InnerException is SocketException inner ? inner.Message.ToLowerInvariant() : e.Message;
            }
        }
        else
        {
            socketProblem = "no such file";
        }

        if (!File.Exists(checkpointFile))
        {
            throw new CniException(
                CniErrorCode.DeviceAllocation,
                $"resource \"{resourceName}\": kubelet pod-resources socket \"{podResourcesSocket}\" unavailable ({socketProblem}) and no checkpoint file \"{checkpointFile}\"");
        }

        if (pod.Uid.Length == 0)
        {
            throw new CniException(
                CniErrorCode.DeviceAllocation,
                $"resource \"{resourceName}\": kubelet pod-resources socket \"{podResourcesSocket}\" unavailable ({socketProblem}) and the pod's uid, which the checkpoint file is keyed by, is unknown");
        }

        return KubeletCheckpoint.ReadDeviceIds(checkpointFile, pod.Uid, resourceName);
    }
}
