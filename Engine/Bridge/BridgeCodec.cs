using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using IctEngine.Ticks;

namespace IctEngine.Bridge;

/// <summary>
/// Encodes and decodes bridge frames (layouts in docs/MT5-BRIDGE.md). <c>Write*</c> methods write a whole frame
/// (header included) into the destination and return its length; <c>TryRead*</c> methods take a payload (the bytes
/// after the type byte) and return false when its size is not the type's fixed size. Tick and heartbeat encoding and
/// decoding do not allocate.
/// </summary>
public static class BridgeCodec
{
    /// <summary>Bytes needed for the largest fixed-size frame; a send buffer of this size fits any of them.</summary>
    public const int MaxFixedFrame = BridgeProtocol.HeaderSize + BridgeProtocol.DealPayload;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteHeader(Span<byte> destination, BridgeMessageType type, int payloadLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)(payloadLength + 1));
        destination[4] = (byte)type;
    }

    public static int WriteTick(Span<byte> d, in TickMessage m)
    {
        WriteHeader(d, BridgeMessageType.Tick, BridgeProtocol.TickPayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.TickPayload);
        BinaryPrimitives.WriteUInt16LittleEndian(p, m.Symbol);
        BinaryPrimitives.WriteUInt16LittleEndian(p[2..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(p[4..], (int)m.Flags);
        BinaryPrimitives.WriteInt64LittleEndian(p[8..], m.TimeMs);
        BinaryPrimitives.WriteDoubleLittleEndian(p[16..], m.Bid);
        BinaryPrimitives.WriteDoubleLittleEndian(p[24..], m.Ask);
        BinaryPrimitives.WriteDoubleLittleEndian(p[32..], m.Last);
        BinaryPrimitives.WriteDoubleLittleEndian(p[40..], m.Volume);
        return BridgeProtocol.HeaderSize + BridgeProtocol.TickPayload;
    }

    public static bool TryReadTick(ReadOnlySpan<byte> p, out TickMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.TickPayload)
        {
            return false;
        }

        m.Symbol = BinaryPrimitives.ReadUInt16LittleEndian(p);
        m.Flags = (TickFlags)BinaryPrimitives.ReadInt32LittleEndian(p[4..]);
        m.TimeMs = BinaryPrimitives.ReadInt64LittleEndian(p[8..]);
        m.Bid = BinaryPrimitives.ReadDoubleLittleEndian(p[16..]);
        m.Ask = BinaryPrimitives.ReadDoubleLittleEndian(p[24..]);
        m.Last = BinaryPrimitives.ReadDoubleLittleEndian(p[32..]);
        m.Volume = BinaryPrimitives.ReadDoubleLittleEndian(p[40..]);
        return true;
    }

    public static int WriteHeartbeat(Span<byte> d, in HeartbeatMessage m)
    {
        WriteHeader(d, BridgeMessageType.Heartbeat, BridgeProtocol.HeartbeatPayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.HeartbeatPayload);
        BinaryPrimitives.WriteInt64LittleEndian(p, m.TimeMs);
        BinaryPrimitives.WriteUInt32LittleEndian(p[8..], m.Sequence);
        return BridgeProtocol.HeaderSize + BridgeProtocol.HeartbeatPayload;
    }

    public static bool TryReadHeartbeat(ReadOnlySpan<byte> p, out HeartbeatMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.HeartbeatPayload)
        {
            return false;
        }

        m.TimeMs = BinaryPrimitives.ReadInt64LittleEndian(p);
        m.Sequence = BinaryPrimitives.ReadUInt32LittleEndian(p[8..]);
        return true;
    }

    public static int WriteStreamFrom(Span<byte> d, in StreamFromMessage m)
    {
        WriteHeader(d, BridgeMessageType.StreamFrom, BridgeProtocol.StreamFromPayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.StreamFromPayload);
        BinaryPrimitives.WriteUInt16LittleEndian(p, m.Symbol);
        BinaryPrimitives.WriteUInt16LittleEndian(p[2..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(p[4..], m.FromMs);
        BinaryPrimitives.WriteUInt32LittleEndian(p[12..], m.Skip);
        return BridgeProtocol.HeaderSize + BridgeProtocol.StreamFromPayload;
    }

    public static bool TryReadStreamFrom(ReadOnlySpan<byte> p, out StreamFromMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.StreamFromPayload)
        {
            return false;
        }

        m.Symbol = BinaryPrimitives.ReadUInt16LittleEndian(p);
        m.FromMs = BinaryPrimitives.ReadInt64LittleEndian(p[4..]);
        m.Skip = BinaryPrimitives.ReadUInt32LittleEndian(p[12..]);
        return true;
    }

    public static int WriteAccountState(Span<byte> d, in AccountStateMessage m)
    {
        WriteHeader(d, BridgeMessageType.AccountState, BridgeProtocol.AccountStatePayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.AccountStatePayload);
        BinaryPrimitives.WriteInt64LittleEndian(p, m.TimeMs);
        BinaryPrimitives.WriteDoubleLittleEndian(p[8..], m.Balance);
        BinaryPrimitives.WriteDoubleLittleEndian(p[16..], m.Equity);
        BinaryPrimitives.WriteDoubleLittleEndian(p[24..], m.Margin);
        BinaryPrimitives.WriteDoubleLittleEndian(p[32..], m.FreeMargin);
        return BridgeProtocol.HeaderSize + BridgeProtocol.AccountStatePayload;
    }

    public static bool TryReadAccountState(ReadOnlySpan<byte> p, out AccountStateMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.AccountStatePayload)
        {
            return false;
        }

        m.TimeMs = BinaryPrimitives.ReadInt64LittleEndian(p);
        m.Balance = BinaryPrimitives.ReadDoubleLittleEndian(p[8..]);
        m.Equity = BinaryPrimitives.ReadDoubleLittleEndian(p[16..]);
        m.Margin = BinaryPrimitives.ReadDoubleLittleEndian(p[24..]);
        m.FreeMargin = BinaryPrimitives.ReadDoubleLittleEndian(p[32..]);
        return true;
    }

    public static int WriteOrderCommand(Span<byte> d, in OrderCommandMessage m)
    {
        WriteHeader(d, BridgeMessageType.OrderCommand, BridgeProtocol.OrderCommandPayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.OrderCommandPayload);
        BinaryPrimitives.WriteInt64LittleEndian(p, m.ClientOrderId);
        p[8] = (byte)m.Action;
        p[9] = (byte)m.Side;
        p[10] = (byte)m.PendingKind;
        p[11] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(p[12..], m.Symbol);
        BinaryPrimitives.WriteUInt16LittleEndian(p[14..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(p[16..], m.Ticket);
        BinaryPrimitives.WriteDoubleLittleEndian(p[24..], m.Volume);
        BinaryPrimitives.WriteDoubleLittleEndian(p[32..], m.Price);
        BinaryPrimitives.WriteDoubleLittleEndian(p[40..], m.StopLoss);
        BinaryPrimitives.WriteDoubleLittleEndian(p[48..], m.TakeProfit);
        BinaryPrimitives.WriteUInt32LittleEndian(p[56..], m.DeviationPoints);
        BinaryPrimitives.WriteInt64LittleEndian(p[60..], m.ExpiryMs);
        return BridgeProtocol.HeaderSize + BridgeProtocol.OrderCommandPayload;
    }

    public static bool TryReadOrderCommand(ReadOnlySpan<byte> p, out OrderCommandMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.OrderCommandPayload)
        {
            return false;
        }

        m.ClientOrderId = BinaryPrimitives.ReadInt64LittleEndian(p);
        m.Action = (BridgeOrderAction)p[8];
        m.Side = (sbyte)p[9];
        m.PendingKind = (BridgePendingKind)p[10];
        m.Symbol = BinaryPrimitives.ReadUInt16LittleEndian(p[12..]);
        m.Ticket = BinaryPrimitives.ReadUInt64LittleEndian(p[16..]);
        m.Volume = BinaryPrimitives.ReadDoubleLittleEndian(p[24..]);
        m.Price = BinaryPrimitives.ReadDoubleLittleEndian(p[32..]);
        m.StopLoss = BinaryPrimitives.ReadDoubleLittleEndian(p[40..]);
        m.TakeProfit = BinaryPrimitives.ReadDoubleLittleEndian(p[48..]);
        m.DeviationPoints = BinaryPrimitives.ReadUInt32LittleEndian(p[56..]);
        m.ExpiryMs = BinaryPrimitives.ReadInt64LittleEndian(p[60..]);
        return true;
    }

    public static int WriteOrderResult(Span<byte> d, in OrderResultMessage m)
    {
        WriteHeader(d, BridgeMessageType.OrderResult, BridgeProtocol.OrderResultPayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.OrderResultPayload);
        BinaryPrimitives.WriteInt64LittleEndian(p, m.ClientOrderId);
        BinaryPrimitives.WriteUInt32LittleEndian(p[8..], m.RetCode);
        p[12] = (byte)m.Status;
        p[13] = (byte)m.Side;
        BinaryPrimitives.WriteUInt16LittleEndian(p[14..], m.Symbol);
        BinaryPrimitives.WriteUInt64LittleEndian(p[16..], m.OrderTicket);
        BinaryPrimitives.WriteUInt64LittleEndian(p[24..], m.DealTicket);
        BinaryPrimitives.WriteUInt64LittleEndian(p[32..], m.PositionTicket);
        BinaryPrimitives.WriteDoubleLittleEndian(p[40..], m.Volume);
        BinaryPrimitives.WriteDoubleLittleEndian(p[48..], m.Price);
        BinaryPrimitives.WriteDoubleLittleEndian(p[56..], m.StopLoss);
        BinaryPrimitives.WriteDoubleLittleEndian(p[64..], m.TakeProfit);
        BinaryPrimitives.WriteDoubleLittleEndian(p[72..], m.Commission);
        BinaryPrimitives.WriteInt64LittleEndian(p[80..], m.TimeMs);
        return BridgeProtocol.HeaderSize + BridgeProtocol.OrderResultPayload;
    }

    public static bool TryReadOrderResult(ReadOnlySpan<byte> p, out OrderResultMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.OrderResultPayload)
        {
            return false;
        }

        m.ClientOrderId = BinaryPrimitives.ReadInt64LittleEndian(p);
        m.RetCode = BinaryPrimitives.ReadUInt32LittleEndian(p[8..]);
        m.Status = (BridgeOrderStatus)p[12];
        m.Side = (sbyte)p[13];
        m.Symbol = BinaryPrimitives.ReadUInt16LittleEndian(p[14..]);
        m.OrderTicket = BinaryPrimitives.ReadUInt64LittleEndian(p[16..]);
        m.DealTicket = BinaryPrimitives.ReadUInt64LittleEndian(p[24..]);
        m.PositionTicket = BinaryPrimitives.ReadUInt64LittleEndian(p[32..]);
        m.Volume = BinaryPrimitives.ReadDoubleLittleEndian(p[40..]);
        m.Price = BinaryPrimitives.ReadDoubleLittleEndian(p[48..]);
        m.StopLoss = BinaryPrimitives.ReadDoubleLittleEndian(p[56..]);
        m.TakeProfit = BinaryPrimitives.ReadDoubleLittleEndian(p[64..]);
        m.Commission = BinaryPrimitives.ReadDoubleLittleEndian(p[72..]);
        m.TimeMs = BinaryPrimitives.ReadInt64LittleEndian(p[80..]);
        return true;
    }

    public static int WritePositionState(Span<byte> d, in PositionStateMessage m)
    {
        WriteHeader(d, BridgeMessageType.PositionState, BridgeProtocol.PositionStatePayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.PositionStatePayload);
        BinaryPrimitives.WriteUInt64LittleEndian(p, m.Ticket);
        BinaryPrimitives.WriteInt64LittleEndian(p[8..], m.ClientOrderId);
        BinaryPrimitives.WriteUInt16LittleEndian(p[16..], m.Symbol);
        p[18] = (byte)m.Side;
        p[19] = m.Closed;
        BinaryPrimitives.WriteDoubleLittleEndian(p[20..], m.Volume);
        BinaryPrimitives.WriteDoubleLittleEndian(p[28..], m.PriceOpen);
        BinaryPrimitives.WriteDoubleLittleEndian(p[36..], m.StopLoss);
        BinaryPrimitives.WriteDoubleLittleEndian(p[44..], m.TakeProfit);
        BinaryPrimitives.WriteDoubleLittleEndian(p[52..], m.Profit);
        BinaryPrimitives.WriteInt64LittleEndian(p[60..], m.TimeMs);
        return BridgeProtocol.HeaderSize + BridgeProtocol.PositionStatePayload;
    }

    public static bool TryReadPositionState(ReadOnlySpan<byte> p, out PositionStateMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.PositionStatePayload)
        {
            return false;
        }

        m.Ticket = BinaryPrimitives.ReadUInt64LittleEndian(p);
        m.ClientOrderId = BinaryPrimitives.ReadInt64LittleEndian(p[8..]);
        m.Symbol = BinaryPrimitives.ReadUInt16LittleEndian(p[16..]);
        m.Side = (sbyte)p[18];
        m.Closed = p[19];
        m.Volume = BinaryPrimitives.ReadDoubleLittleEndian(p[20..]);
        m.PriceOpen = BinaryPrimitives.ReadDoubleLittleEndian(p[28..]);
        m.StopLoss = BinaryPrimitives.ReadDoubleLittleEndian(p[36..]);
        m.TakeProfit = BinaryPrimitives.ReadDoubleLittleEndian(p[44..]);
        m.Profit = BinaryPrimitives.ReadDoubleLittleEndian(p[52..]);
        m.TimeMs = BinaryPrimitives.ReadInt64LittleEndian(p[60..]);
        return true;
    }

    public static int WriteOrderState(Span<byte> d, in OrderStateMessage m)
    {
        WriteHeader(d, BridgeMessageType.OrderState, BridgeProtocol.OrderStatePayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.OrderStatePayload);
        BinaryPrimitives.WriteUInt64LittleEndian(p, m.Ticket);
        BinaryPrimitives.WriteInt64LittleEndian(p[8..], m.ClientOrderId);
        BinaryPrimitives.WriteUInt16LittleEndian(p[16..], m.Symbol);
        p[18] = (byte)m.Side;
        p[19] = (byte)m.Kind;
        BinaryPrimitives.WriteDoubleLittleEndian(p[20..], m.Volume);
        BinaryPrimitives.WriteDoubleLittleEndian(p[28..], m.Price);
        BinaryPrimitives.WriteDoubleLittleEndian(p[36..], m.StopLoss);
        BinaryPrimitives.WriteDoubleLittleEndian(p[44..], m.TakeProfit);
        BinaryPrimitives.WriteInt64LittleEndian(p[52..], m.TimeMs);
        return BridgeProtocol.HeaderSize + BridgeProtocol.OrderStatePayload;
    }

    public static bool TryReadOrderState(ReadOnlySpan<byte> p, out OrderStateMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.OrderStatePayload)
        {
            return false;
        }

        m.Ticket = BinaryPrimitives.ReadUInt64LittleEndian(p);
        m.ClientOrderId = BinaryPrimitives.ReadInt64LittleEndian(p[8..]);
        m.Symbol = BinaryPrimitives.ReadUInt16LittleEndian(p[16..]);
        m.Side = (sbyte)p[18];
        m.Kind = (BridgePendingKind)p[19];
        m.Volume = BinaryPrimitives.ReadDoubleLittleEndian(p[20..]);
        m.Price = BinaryPrimitives.ReadDoubleLittleEndian(p[28..]);
        m.StopLoss = BinaryPrimitives.ReadDoubleLittleEndian(p[36..]);
        m.TakeProfit = BinaryPrimitives.ReadDoubleLittleEndian(p[44..]);
        m.TimeMs = BinaryPrimitives.ReadInt64LittleEndian(p[52..]);
        return true;
    }

    public static int WriteDeal(Span<byte> d, in DealMessage m)
    {
        WriteHeader(d, BridgeMessageType.Deal, BridgeProtocol.DealPayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.DealPayload);
        BinaryPrimitives.WriteUInt64LittleEndian(p, m.DealTicket);
        BinaryPrimitives.WriteUInt64LittleEndian(p[8..], m.OrderTicket);
        BinaryPrimitives.WriteUInt64LittleEndian(p[16..], m.PositionTicket);
        BinaryPrimitives.WriteInt64LittleEndian(p[24..], m.ClientOrderId);
        BinaryPrimitives.WriteUInt16LittleEndian(p[32..], m.Symbol);
        p[34] = (byte)m.Side;
        p[35] = (byte)m.Entry;
        p[36] = (byte)m.Reason;
        p[37] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(p[38..], 0);
        BinaryPrimitives.WriteDoubleLittleEndian(p[40..], m.Volume);
        BinaryPrimitives.WriteDoubleLittleEndian(p[48..], m.Price);
        BinaryPrimitives.WriteDoubleLittleEndian(p[56..], m.StopLoss);
        BinaryPrimitives.WriteDoubleLittleEndian(p[64..], m.TakeProfit);
        BinaryPrimitives.WriteDoubleLittleEndian(p[72..], m.Profit);
        BinaryPrimitives.WriteDoubleLittleEndian(p[80..], m.Swap);
        BinaryPrimitives.WriteDoubleLittleEndian(p[88..], m.Commission);
        BinaryPrimitives.WriteDoubleLittleEndian(p[96..], m.Fee);
        BinaryPrimitives.WriteInt64LittleEndian(p[104..], m.TimeMs);
        return BridgeProtocol.HeaderSize + BridgeProtocol.DealPayload;
    }

    public static bool TryReadDeal(ReadOnlySpan<byte> p, out DealMessage m)
    {
        m = default;
        if (p.Length != BridgeProtocol.DealPayload)
        {
            return false;
        }

        m.DealTicket = BinaryPrimitives.ReadUInt64LittleEndian(p);
        m.OrderTicket = BinaryPrimitives.ReadUInt64LittleEndian(p[8..]);
        m.PositionTicket = BinaryPrimitives.ReadUInt64LittleEndian(p[16..]);
        m.ClientOrderId = BinaryPrimitives.ReadInt64LittleEndian(p[24..]);
        m.Symbol = BinaryPrimitives.ReadUInt16LittleEndian(p[32..]);
        m.Side = (sbyte)p[34];
        m.Entry = (BridgeDealEntry)p[35];
        m.Reason = (BridgeDealReason)p[36];
        m.Volume = BinaryPrimitives.ReadDoubleLittleEndian(p[40..]);
        m.Price = BinaryPrimitives.ReadDoubleLittleEndian(p[48..]);
        m.StopLoss = BinaryPrimitives.ReadDoubleLittleEndian(p[56..]);
        m.TakeProfit = BinaryPrimitives.ReadDoubleLittleEndian(p[64..]);
        m.Profit = BinaryPrimitives.ReadDoubleLittleEndian(p[72..]);
        m.Swap = BinaryPrimitives.ReadDoubleLittleEndian(p[80..]);
        m.Commission = BinaryPrimitives.ReadDoubleLittleEndian(p[88..]);
        m.Fee = BinaryPrimitives.ReadDoubleLittleEndian(p[96..]);
        m.TimeMs = BinaryPrimitives.ReadInt64LittleEndian(p[104..]);
        return true;
    }

    public static int WriteSymbolSpec(Span<byte> d, SymbolSpecMessage m)
    {
        WriteHeader(d, BridgeMessageType.SymbolSpec, BridgeProtocol.SymbolSpecPayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.SymbolSpecPayload);
        BinaryPrimitives.WriteUInt16LittleEndian(p, m.Symbol);
        WriteAscii(p.Slice(2, BridgeProtocol.SymbolNameLength), m.Name);
        var q = p[(2 + BridgeProtocol.SymbolNameLength)..];
        BinaryPrimitives.WriteInt32LittleEndian(q, m.Digits);
        BinaryPrimitives.WriteDoubleLittleEndian(q[4..], m.Point);
        BinaryPrimitives.WriteDoubleLittleEndian(q[12..], m.TickSize);
        BinaryPrimitives.WriteDoubleLittleEndian(q[20..], m.TickValue);
        BinaryPrimitives.WriteDoubleLittleEndian(q[28..], m.ContractSize);
        BinaryPrimitives.WriteDoubleLittleEndian(q[36..], m.VolumeMin);
        BinaryPrimitives.WriteDoubleLittleEndian(q[44..], m.VolumeStep);
        BinaryPrimitives.WriteDoubleLittleEndian(q[52..], m.VolumeMax);
        return BridgeProtocol.HeaderSize + BridgeProtocol.SymbolSpecPayload;
    }

    public static bool TryReadSymbolSpec(ReadOnlySpan<byte> p, out SymbolSpecMessage? m)
    {
        m = null;
        if (p.Length != BridgeProtocol.SymbolSpecPayload
            || !TryReadAscii(p.Slice(2, BridgeProtocol.SymbolNameLength), out var name) || name.Length == 0)
        {
            return false;
        }

        var q = p[(2 + BridgeProtocol.SymbolNameLength)..];
        m = new SymbolSpecMessage
        {
            Symbol = BinaryPrimitives.ReadUInt16LittleEndian(p),
            Name = name,
            Digits = BinaryPrimitives.ReadInt32LittleEndian(q),
            Point = BinaryPrimitives.ReadDoubleLittleEndian(q[4..]),
            TickSize = BinaryPrimitives.ReadDoubleLittleEndian(q[12..]),
            TickValue = BinaryPrimitives.ReadDoubleLittleEndian(q[20..]),
            ContractSize = BinaryPrimitives.ReadDoubleLittleEndian(q[28..]),
            VolumeMin = BinaryPrimitives.ReadDoubleLittleEndian(q[36..]),
            VolumeStep = BinaryPrimitives.ReadDoubleLittleEndian(q[44..]),
            VolumeMax = BinaryPrimitives.ReadDoubleLittleEndian(q[52..]),
        };
        return true;
    }

    public static int WriteHello(Span<byte> d, HelloMessage m)
    {
        WriteHeader(d, BridgeMessageType.Hello, BridgeProtocol.HelloPayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.HelloPayload);
        BinaryPrimitives.WriteUInt32LittleEndian(p, BridgeProtocol.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(p[4..], m.Version);
        m.ClientNonce.AsSpan(0, BridgeProtocol.NonceLength).CopyTo(p[6..]);
        WriteAscii(p.Slice(6 + BridgeProtocol.NonceLength, 32), m.ClientName);
        return BridgeProtocol.HeaderSize + BridgeProtocol.HelloPayload;
    }

    public static bool TryReadHello(ReadOnlySpan<byte> p, out HelloMessage? m)
    {
        m = null;
        if (p.Length != BridgeProtocol.HelloPayload || BinaryPrimitives.ReadUInt32LittleEndian(p) != BridgeProtocol.Magic
            || !TryReadAscii(p.Slice(6 + BridgeProtocol.NonceLength, 32), out var name))
        {
            return false;
        }

        m = new HelloMessage
        {
            Version = BinaryPrimitives.ReadUInt16LittleEndian(p[4..]),
            ClientNonce = p.Slice(6, BridgeProtocol.NonceLength).ToArray(),
            ClientName = name,
        };
        return true;
    }

    public static int WriteChallenge(Span<byte> d, ChallengeMessage m)
    {
        WriteHeader(d, BridgeMessageType.Challenge, BridgeProtocol.ChallengePayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.ChallengePayload);
        BinaryPrimitives.WriteUInt16LittleEndian(p, m.Version);
        m.ServerNonce.AsSpan(0, BridgeProtocol.NonceLength).CopyTo(p[2..]);
        return BridgeProtocol.HeaderSize + BridgeProtocol.ChallengePayload;
    }

    public static bool TryReadChallenge(ReadOnlySpan<byte> p, out ChallengeMessage? m)
    {
        m = null;
        if (p.Length != BridgeProtocol.ChallengePayload)
        {
            return false;
        }

        m = new ChallengeMessage
        {
            Version = BinaryPrimitives.ReadUInt16LittleEndian(p),
            ServerNonce = p.Slice(2, BridgeProtocol.NonceLength).ToArray(),
        };
        return true;
    }

    public static int WriteAuth(Span<byte> d, ReadOnlySpan<byte> mac)
    {
        WriteHeader(d, BridgeMessageType.Auth, BridgeProtocol.AuthPayload);
        mac[..BridgeProtocol.MacLength].CopyTo(d[BridgeProtocol.HeaderSize..]);
        return BridgeProtocol.HeaderSize + BridgeProtocol.AuthPayload;
    }

    public static bool TryReadAuth(ReadOnlySpan<byte> p, out byte[]? mac)
    {
        mac = p.Length == BridgeProtocol.AuthPayload ? p.ToArray() : null;
        return mac != null;
    }

    public static int WriteWelcome(Span<byte> d, WelcomeMessage m)
    {
        WriteHeader(d, BridgeMessageType.Welcome, BridgeProtocol.WelcomePayload);
        var p = d.Slice(BridgeProtocol.HeaderSize, BridgeProtocol.WelcomePayload);
        BinaryPrimitives.WriteUInt32LittleEndian(p, m.HeartbeatMs);
        BinaryPrimitives.WriteUInt32LittleEndian(p[4..], m.TimeoutMs);
        m.ServerProof.AsSpan(0, BridgeProtocol.MacLength).CopyTo(p[8..]);
        return BridgeProtocol.HeaderSize + BridgeProtocol.WelcomePayload;
    }

    public static bool TryReadWelcome(ReadOnlySpan<byte> p, out WelcomeMessage? m)
    {
        m = null;
        if (p.Length != BridgeProtocol.WelcomePayload)
        {
            return false;
        }

        m = new WelcomeMessage
        {
            HeartbeatMs = BinaryPrimitives.ReadUInt32LittleEndian(p),
            TimeoutMs = BinaryPrimitives.ReadUInt32LittleEndian(p[4..]),
            ServerProof = p.Slice(8, BridgeProtocol.MacLength).ToArray(),
        };
        return true;
    }

    /// <summary>Writes an Error frame; the text is truncated to <see cref="BridgeProtocol.MaxErrorText"/> UTF-8 bytes.</summary>
    public static int WriteError(Span<byte> d, ErrorMessage m)
    {
        var text = Encoding.UTF8.GetBytes(m.Text);
        var length = Math.Min(text.Length, BridgeProtocol.MaxErrorText);
        WriteHeader(d, BridgeMessageType.Error, 4 + length);
        var p = d[BridgeProtocol.HeaderSize..];
        BinaryPrimitives.WriteUInt16LittleEndian(p, (ushort)m.Code);
        BinaryPrimitives.WriteUInt16LittleEndian(p[2..], (ushort)length);
        text.AsSpan(0, length).CopyTo(p[4..]);
        return BridgeProtocol.HeaderSize + 4 + length;
    }

    public static bool TryReadError(ReadOnlySpan<byte> p, out ErrorMessage? m)
    {
        m = null;
        if (p.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
        if (length > BridgeProtocol.MaxErrorText || p.Length != 4 + length)
        {
            return false;
        }

        m = new ErrorMessage
        {
            Code = (BridgeErrorCode)BinaryPrimitives.ReadUInt16LittleEndian(p),
            Text = Encoding.UTF8.GetString(p.Slice(4, length)),
        };
        return true;
    }

    private static void WriteAscii(Span<byte> field, string text)
    {
        field.Clear();
        var n = Math.Min(text.Length, field.Length - 1);
        for (var i = 0; i < n; i++)
        {
            var c = text[i];
            field[i] = c is >= ' ' and <= '~' ? (byte)c : (byte)'?';
        }
    }

    private static bool TryReadAscii(ReadOnlySpan<byte> field, out string text)
    {
        var end = field.IndexOf((byte)0);
        var used = end < 0 ? field : field[..end];
        foreach (var b in used)
        {
            if (b is < (byte)' ' or > (byte)'~')
            {
                text = "";
                return false;
            }
        }

        text = Encoding.ASCII.GetString(used);
        return true;
    }
}
