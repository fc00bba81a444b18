using System.Runtime.InteropServices;
using System.Text;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Netns;

/// <summary>
/// An AF_NETLINK/NETLINK_ROUTE socket that sends one request at a time and gathers its answer,
/// up to the ACK (requests) or NLMSG_DONE (dumps). The socket belongs to the namespace it was opened in.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    private const ushort MessageNoop = 1;
    private const ushort MessageError = 2;
    private const ushort MessageDone = 3;
    private const ushort MessageOverrun = 4;
    private const ushort FlagDumpInterrupted = 0x10;
    private const ushort FlagCapped = 0x100;
    private const ushort FlagAckTlvs = 0x200;
    private const ushort ErrorAttributeMessage = 1;
    private const int HeaderSize = NetlinkMessageWriter.HeaderSize;

    // Large enough for any dump part the kernel sends (it sizes them to at most 32 KiB).
    private readonly byte[] receiveBuffer = new byte[64 * 1024];
    private readonly TimeSpan receiveTimeout;
    private int fd;
    private uint sequence;

    private NetlinkSocket(int fd, TimeSpan receiveTimeout)
    {
        this.fd = fd;
        this.receiveTimeout = receiveTimeout;
    }

    /// <summary>Opens a route socket in the calling thread's network namespace.</summary>
    public static NetlinkSocket Open(TimeSpan receiveTimeout)
    {
        var fd = LinuxInterop.socket(LinuxInterop.AfNetlink, LinuxInterop.SockRaw | LinuxInterop.SockCloexec, LinuxInterop.NetlinkRoute);
        if (fd < 0)
        {
            throw Failure("cannot open socket", Marshal.GetLastPInvokeError());
        }

        var socket = new NetlinkSocket(fd, receiveTimeout);
        // Best effort: short ACKs and the kernel's own words on errors; old kernels lack them.
        socket.SetOption(LinuxInterop.SolNetlink, LinuxInterop.NetlinkCapAck, BitConverter.GetBytes(1));
        socket.SetOption(LinuxInterop.SolNetlink, LinuxInterop.NetlinkExtAck, BitConverter.GetBytes(1));
        Span<byte> timeval = stackalloc byte[16];
        MemoryMarshal.Write(timeval, (long)receiveTimeout.TotalSeconds);
        MemoryMarshal.Write(timeval[8..], (long)(receiveTimeout.TotalMicroseconds % 1_000_000));
        socket.SetOption(LinuxInterop.SolSocket, LinuxInterop.SoReceiveTimeout, timeval);
        return socket;
    }

    /// <summary>Sends <paramref name="request"/> and reads until its ACK, error or (for dumps) NLMSG_DONE.</summary>
    public NetlinkReply Transact(NetlinkMessageWriter request, bool dump)
    {
        ObjectDisposedException.ThrowIf(fd < 0, this);
        var seq = ++sequence;
        Send(request.Finish(seq));

        var messages = new List<NetlinkReplyMessage>();
        var interrupted = false;
        while (true)
        {
            var span = receiveBuffer.AsSpan(0, Receive());
            while (span.Length >= HeaderSize)
            {
                var length = MemoryMarshal.Read<uint>(span);
                if (length < HeaderSize || length > span.Length)
                {
                    throw new CniException(CniErrorCode.IoFailure, $"rtnetlink: malformed message of {length} bytes");
                }

                var type = MemoryMarshal.Read<ushort>(span[4..]);
                var flags = MemoryMarshal.Read<ushort>(span[6..]);
                var messageSeq = MemoryMarshal.Read<uint>(span[8..]);
                var payload = span[HeaderSize..(int)length];
                span = span[Math.Min(NetlinkMessageWriter.Align((int)length), span.Length)..];
                if (messageSeq != seq || type == MessageNoop)
                {
                    continue;
                }

                interrupted |= (flags & FlagDumpInterrupted) != 0;
                switch (type)
                {
                    case MessageError:
                        return new NetlinkReply(-ReadInt(payload), ExtendedAck(payload, flags, isError: true), messages, interrupted);
                    case MessageDone when dump:
                        return new NetlinkReply(-ReadInt(payload), ExtendedAck(payload, flags, isError: false), messages, interrupted);
                    case MessageOverrun:
                        throw new CniException(CniErrorCode.IoFailure, "rtnetlink: receive overrun");
                    default:
                        messages.Add(new NetlinkReplyMessage(type, payload.ToArray()));
                        break;
                }
            }
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        if (fd >= 0)
        {
            _ = LinuxInterop.close(fd);
            fd = -1;
        }
    }

    private static int ReadInt(ReadOnlySpan<byte> payload) => payload.Length >= 4 ? MemoryMarshal.Read<int>(payload) : 0;

    // NLMSG_ERROR carries the error, then the request's header (only the header when capped), then TLVs.
    // NLMSG_DONE carries the error, then TLVs.
    private static string? ExtendedAck(ReadOnlySpan<byte> payload, ushort flags, bool isError)
    {
        if ((flags & FlagAckTlvs) == 0 || payload.Length < 4)
        {
            return null;
        }

        var offset = 4;
        if (isError)
        {
            var capped = ReadInt(payload) == 0 || (flags & FlagCapped) != 0;
            offset += capped || payload.Length < 8 ? HeaderSize : NetlinkMessageWriter.Align((int)MemoryMarshal.Read<uint>(payload[4..]));
        }

        if (offset >= payload.Length)
        {
            return null;
        }

        var attributes = new NetlinkAttributeReader(payload[offset..]);
        while (attributes.Next(out var type, out var value))
        {
            if (type == ErrorAttributeMessage)
            {
                return Encoding.UTF8.GetString(value.TrimEnd((byte)0));
            }
        }

        return null;
    }

    private static CniException Failure(string what, int errno) =>
        new(CniErrorCode.IoFailure, $"rtnetlink: {what}: {Errno.Describe(errno)}");

    private void SetOption(int level, int name, ReadOnlySpan<byte> value) =>
        _ = LinuxInterop.setsockopt(fd, level, name, value, value.Length);

    private void Send(ReadOnlySpan<byte> message)
    {
        while (LinuxInterop.send(fd, message, (nuint)message.Length, 0) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw Failure("send failed", errno);
            }
        }
    }

    private int Receive()
    {
        while (true)
        {
            var received = LinuxInterop.recv(fd, receiveBuffer, (nuint)receiveBuffer.Length, LinuxInterop.MsgTrunc);
            if (received > receiveBuffer.Length)
            {
                throw new CniException(CniErrorCode.IoFailure, $"rtnetlink: a message of {received} bytes does not fit the receive buffer");
            }

            if (received >= 0)
            {
                return (int)received;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EAGAIN)
            {
                throw new CniException(CniErrorCode.IoFailure, $"rtnetlink: no answer from the kernel within {receiveTimeout.TotalSeconds}s");
            }

            if (errno != Errno.EINTR)
            {
                throw Failure("receive failed", errno);
            }
        }
    }
}
