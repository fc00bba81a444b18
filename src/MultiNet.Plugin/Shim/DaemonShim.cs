using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Execution;
using MultiNet.Attachments.Forwarding;
using MultiNet.Cni.Protocol;

namespace MultiNet.Plugin.Shim;

/// <summary>
/// Thick mode: forwards the call to multinetd and returns what it answers. ADD, CHECK, STATUS and GC wait up to
/// <c>daemonReadyTimeoutSeconds</c> for the daemon to be ready, then fail with code 11 naming the socket. DEL never
/// waits: when the daemon cannot take it, the shim runs DEL itself from the checkpoint. Daemon errors are returned.
/// An ADD the daemon took but never answered (it died or restarted meanwhile) is not sent again: it fails with code 11
/// once the delegates the daemon left running for the container are gone (see <see cref="OrphanedDelegates"/>).
/// </summary>
internal sealed class DaemonShim(MultiNetConfig config, ILogger logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<string?> RunAsync(CniEnvironment env, byte[] stdin, CancellationToken ct)
    {
        var socket = Path.Combine(config.DaemonSocketDir!, ForwardedCniRequest.SocketFileName);
        var body = new ForwardedCniRequest(ForwardedCniRequest.CurrentCniEnvironment(), stdin).ToJson();
        var wait = ReadyTimeout(config);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var (status, answer, unavailable, taken) = TrySend(socket, "POST", ForwardedCniRequest.CniPath, body);
            if (unavailable is null)
            {
                return Finish(status, answer);
            }

            if (env.Command == CniCommand.Del)
            {
                // The engine's DEL waits for delegates a dead daemon left running, when its checkpoint shows an unfinished ADD.
                ShimLog.DeletingLocally(logger, socket, unavailable);
                return await PluginCommand.DeleteLocallyAsync(env, config, logger, ct).ConfigureAwait(false);
            }

            if (taken && env.Command == CniCommand.Add)
            {
                // Answered only once the dead daemon's delegates are gone, so the DEL that follows finds all they did.
                // Under the container's lock: a DEL already running elsewhere (the restarted daemon) has live
                // delegates with the same marker, which are not orphans.
                using (await ContainerLock.AcquireAsync(new CheckpointStore(config.CniDir), env.ContainerId!, ContainerLock.DefaultWait, ct).ConfigureAwait(false))
                {
                    await OrphanedDelegates.WaitAsync(env.ContainerId!, config.DelegateTimeout, logger, ct).ConfigureAwait(false);
                }
                // Sent again, the ADD would run over what the first run attached and fail with 105 ("already exists"),
                // hiding why. The runtime's DEL removes that from the checkpoint; then it retries the ADD.
                throw new CniException(CniErrorCode.TryAgainLater,
                    $"multinetd on socket \"{socket}\" took the ADD but gave no answer: {unavailable}",
                    "the daemon died or restarted during the ADD; DEL removes what it attached");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new CniException(CniErrorCode.TryAgainLater, $"multinetd is not ready on socket \"{socket}\": {unavailable}",
                    $"waited {wait.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (daemonReadyTimeoutSeconds)");
            }

            await WaitUntilReadyAsync(socket, deadline, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The answer, or why the daemon could not take the request (nobody listens, not ready, shutting down) or gave no
    /// answer to a request it may have taken (<c>Taken</c>: the connection broke after the request went out).
    /// </summary>
    private static (int Status, byte[] Body, string? Unavailable, bool Taken) TrySend(string socket, string method, string path, byte[]? body)
    {
        try
        {
            var (status, answer) = UnixSocketHttp.Send(socket, method, path, body);
            return status == ForwardedCniRequest.NotReadyStatus
                ? (status, answer, MessageOf(answer) ?? "not ready", false)
                : (status, answer, null, false);
        }
        catch (SocketException e)
        {
            return (0, [], e.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => "the socket does not exist",
                SocketError.ConnectionRefused => "connection refused (the daemon is not running)",
                _ => $"cannot connect ({e.SocketErrorCode})",
            }, false);
        }
        catch (IOException e)
        {
            return (0, [], e.Message, true);
        }
    }

    private static async Task WaitUntilReadyAsync(string socket, DateTime deadline, CancellationToken ct)
    {
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            var (status, _, unavailable, _) = TrySend(socket, "GET", ForwardedCniRequest.ReadyPath, null);
            if (unavailable is null && status == 200)
            {
                return;
            }
        }
    }

    private static string? Finish(int status, byte[] answer)
    {
        if (status is >= 200 and < 300)
        {
            return answer.Length == 0 ? null : Encoding.UTF8.GetString(answer);
        }

        throw ErrorOf(answer) ?? new CniException(CniErrorCode.Internal,
            $"multinetd answered {status} without a CNI error: {Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 200)))}");
    }

    /// <summary>The daemon's CNI error JSON as an exception, so that it is printed in the config's cniVersion like any error.</summary>
    private static CniException? ErrorOf(byte[] answer)
    {
        try
        {
            using var doc = JsonDocument.Parse(answer);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var code) && code.TryGetInt32(out var value)
                && root.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String)
            {
                var details = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return new CniException((CniErrorCode)value, msg.GetString()!, details);
            }
        }
        catch (JsonException)
        {
            // Not a CNI error: the caller describes the answer instead.
        }

        return null;
    }

    private static string? MessageOf(byte[] answer) => ErrorOf(answer)?.Message;

    private static TimeSpan ReadyTimeout(MultiNetConfig config)
    {
        var node = config.Raw["daemonReadyTimeoutSeconds"];
        if (node is null)
        {
            return TimeSpan.FromSeconds(10);
        }

        return node.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() is var seconds and >= 0 and <= 600
            ? TimeSpan.FromSeconds(seconds)
            : throw new CniException(CniErrorCode.InvalidConfig,
                $"network config: field \"daemonReadyTimeoutSeconds\": {node.ToJsonString()} is not a number of seconds between 0 and 600");
    }
}
