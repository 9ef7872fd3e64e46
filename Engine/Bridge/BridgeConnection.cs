using System.Net.Sockets;

namespace IctEngine.Bridge;

/// <summary>
/// One framed TCP connection, used by both ends (the engine's session and the terminal simulator). Reads happen on
/// one thread; sends may come from several (feed, order client, heartbeat timer) and are serialised by a lock into
/// one preallocated send buffer, so sending a tick or a command does not allocate.
/// </summary>
public sealed class BridgeConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly FrameBuffer _frames = new();
    private readonly byte[] _sendBuffer = new byte[BridgeProtocol.HeaderSize + 4 + BridgeProtocol.MaxErrorText + 64];
    private readonly Lock _sendLock = new();
    private volatile bool _closed;

    public BridgeConnection(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public bool IsClosed => _closed;

    public string RemoteEndPoint { get; }

    /// <summary>
    /// Blocks up to <paramref name="timeoutMs"/> for the next whole frame (0 polls). The payload span is valid until
    /// the next read. <paramref name="error"/> explains <see cref="FrameReadStatus.Malformed"/>.
    /// </summary>
    public FrameReadStatus ReadFrame(int timeoutMs, out BridgeMessageType type, out ReadOnlySpan<byte> payload, out string? error)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var status = _frames.TryTake(out type, out payload, out error);
            if (status != FrameReadStatus.NeedMoreData)
            {
                return status;
            }

            if (_closed)
            {
                return FrameReadStatus.Closed;
            }

            var wait = Math.Max(0, deadline - Environment.TickCount64);
            try
            {
                if (!_socket.Poll((int)Math.Min(wait * 1000, int.MaxValue), SelectMode.SelectRead))
                {
                    return FrameReadStatus.TimedOut;
                }

                var read = _socket.Receive(_frames.FreeSpace(), SocketFlags.None);
                if (read == 0)
                {
                    Close();
                    return FrameReadStatus.Closed;
                }

                _frames.Advance(read);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Close();
                return FrameReadStatus.Closed;
            }
        }
    }

    /// <summary>Sends raw frame bytes; false when the connection is (or just became) closed.</summary>
    public bool Send(ReadOnlySpan<byte> frame)
    {
        lock (_sendLock)
        {
            return SendLocked(frame);
        }
    }

    public bool SendTick(in TickMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteTick(_sendBuffer, m)));
        }
    }

    public bool SendHeartbeat(in HeartbeatMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteHeartbeat(_sendBuffer, m)));
        }
    }

    public bool SendStreamFrom(in StreamFromMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteStreamFrom(_sendBuffer, m)));
        }
    }

    public bool SendOrderCommand(in OrderCommandMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteOrderCommand(_sendBuffer, m)));
        }
    }

    public bool SendOrderResult(in OrderResultMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteOrderResult(_sendBuffer, m)));
        }
    }

    public bool SendDeal(in DealMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteDeal(_sendBuffer, m)));
        }
    }

    public bool SendPositionState(in PositionStateMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WritePositionState(_sendBuffer, m)));
        }
    }

    public bool SendOrderState(in OrderStateMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteOrderState(_sendBuffer, m)));
        }
    }

    public bool SendAccountState(in AccountStateMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteAccountState(_sendBuffer, m)));
        }
    }

    public bool SendSymbolSpec(SymbolSpecMessage m)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteSymbolSpec(_sendBuffer, m)));
        }
    }

    public bool SendError(BridgeErrorCode code, string text)
    {
        lock (_sendLock)
        {
            return SendLocked(_sendBuffer.AsSpan(0, BridgeCodec.WriteError(_sendBuffer, new ErrorMessage { Code = code, Text = text })));
        }
    }

    /// <summary>Closes the socket; a blocked reader returns <see cref="FrameReadStatus.Closed"/>. Idempotent.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer: closing is all that is left to do.
        }

        _socket.Close();
    }

    public void Dispose() => Close();

    private bool SendLocked(ReadOnlySpan<byte> frame)
    {
        if (_closed)
        {
            return false;
        }

        try
        {
            while (!frame.IsEmpty)
            {
                var sent = _socket.Send(frame, SocketFlags.None);
                frame = frame[sent..];
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Close();
            return false;
        }
    }
}
