using System.Buffers.Binary;

namespace IctEngine.Bridge;

/// <summary>
/// Reassembles frames from a byte stream: bytes are appended at the end, whole frames are taken from the front.
/// One preallocated buffer sized for the largest legal frame, compacted in place; no allocation per frame.
/// </summary>
public sealed class FrameBuffer
{
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public FrameBuffer(int capacity = 2 * (BridgeProtocol.MaxFrameLength + BridgeProtocol.HeaderSize))
    {
        _buffer = new byte[Math.Max(capacity, BridgeProtocol.MaxFrameLength + BridgeProtocol.HeaderSize)];
    }

    /// <summary>Bytes received but not yet taken as frames.</summary>
    public int Buffered => _end - _start;

    /// <summary>Free space at the end to receive into; compacts first when the tail is short.</summary>
    public Span<byte> FreeSpace()
    {
        if (_start > 0 && _buffer.Length - _end < BridgeProtocol.MaxFrameLength)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        return _buffer.AsSpan(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were written into <see cref="FreeSpace"/>.</summary>
    public void Advance(int count) => _end += count;

    /// <summary>Appends bytes (tests and in-memory use).</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(FreeSpace());
        Advance(bytes.Length);
    }

    /// <summary>Drops everything buffered (after a malformed frame the stream is unusable).</summary>
    public void Clear() => _start = _end = 0;

    /// <summary>
    /// Takes the next complete frame. The payload span stays valid until the next call that changes the buffer.
    /// <paramref name="error"/> names the reason when the status is <see cref="FrameReadStatus.Malformed"/>.
    /// </summary>
    public FrameReadStatus TryTake(out BridgeMessageType type, out ReadOnlySpan<byte> payload, out string? error)
    {
        type = BridgeMessageType.None;
        payload = default;
        error = null;
        var available = _end - _start;
        if (available < 4)
        {
            return FrameReadStatus.NeedMoreData;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start, 4));
        if (length == 0 || length > BridgeProtocol.MaxFrameLength)
        {
            error = length == 0 ? "frame length 0 (a frame holds at least its type byte)" : "frame length above 65536";
            return FrameReadStatus.Malformed;
        }

        if (available < 4 + length)
        {
            return FrameReadStatus.NeedMoreData;
        }

        type = (BridgeMessageType)_buffer[_start + 4];
        payload = _buffer.AsSpan(_start + BridgeProtocol.HeaderSize, (int)length - 1);
        _start += 4 + (int)length;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        return FrameReadStatus.Frame;
    }
}
