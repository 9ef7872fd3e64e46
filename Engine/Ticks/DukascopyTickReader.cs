using System.Buffers.Binary;
using IctEngine.Core;
using SharpCompress.Compressors.LZMA;

namespace IctEngine.Ticks;

/// <summary>
/// One Dukascopy hour (<c>HHh_ticks.bi5</c>): LZMA-alone compressed 20-byte big-endian records
/// <c>ms_in_hour, ask, bid, askVolume(float), bidVolume(float)</c> — ask first. Integer prices are scaled by
/// <see cref="Instrument.DukascopyDigits"/>; volumes (millions for FX) are rounded to 6 decimals. An empty file is
/// an hour without ticks. Decompressed in 64 KB steps: never the whole file in memory.
/// </summary>
internal sealed class DukascopyTickReader : ITickReader
{
    private const int RecordSize = 20;
    private const int HeaderSize = 13;

    private readonly string _file;
    private readonly long _hourStartNs;
    private readonly int _symbolId;
    private readonly long _scaleUp;
    private readonly long _scaleDown;
    private readonly FileStream _input;
    private readonly Stream? _lzma;
    private readonly byte[] _buffer = new byte[RecordSize * 3277];
    private readonly long _totalRecords;
    private long _recordsRead;
    private int _pos;
    private int _len;

    public DukascopyTickReader(string file, Instrument instrument, long hourStartNs)
    {
        _file = file;
        _hourStartNs = hourStartNs;
        _symbolId = instrument.Id;
        var shift = instrument.Digits - instrument.DukascopyDigits;
        _scaleUp = shift >= 0 ? Price.PowerOfTen(shift) : 1;
        _scaleDown = shift < 0 ? Price.PowerOfTen(-shift) : 1;
        _input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (_input.Length == 0)
        {
            return;
        }

        var header = new byte[HeaderSize];
        if (_input.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) != HeaderSize)
        {
            throw new TickFormatException(file, 0, "header", "shorter than an LZMA header (13 bytes)");
        }

        var outputSize = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(5));
        if (outputSize < 0 || outputSize % RecordSize != 0)
        {
            throw new TickFormatException(file, 0, "header", $"uncompressed size {outputSize} is not a multiple of {RecordSize} bytes");
        }

        _totalRecords = outputSize / RecordSize;
        _lzma = LzmaStream.Create(header[..5], _input, _input.Length - HeaderSize, outputSize);
    }

    public long BadLines => 0;

    public string? CurrentFile => _recordsRead < _totalRecords ? _file : null;

    public int Read(Span<Tick> destination)
    {
        var n = 0;
        while (n < destination.Length && _recordsRead < _totalRecords)
        {
            if (_len - _pos < RecordSize)
            {
                Fill();
            }

            var record = _buffer.AsSpan(_pos, RecordSize);
            _pos += RecordSize;
            _recordsRead++;
            var ms = BinaryPrimitives.ReadUInt32BigEndian(record);
            long ask = BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            long bid = BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var askVolume = BinaryPrimitives.ReadSingleBigEndian(record[12..]);
            var bidVolume = BinaryPrimitives.ReadSingleBigEndian(record[16..]);
            if (ms >= 3_600_000)
            {
                throw new TickFormatException(_file, _recordsRead, "ms", $"{ms} ms is beyond the hour");
            }

            if (_scaleDown != 1 && (bid % _scaleDown != 0 || ask % _scaleDown != 0))
            {
                throw new TickFormatException(_file, _recordsRead, "price", "more decimals than the instrument's digits");
            }

            ref var tick = ref destination[n++];
            tick.TimeNs = _hourStartNs + (ms * Timestamp.NanosPerMillisecond);
            tick.Bid = bid * _scaleUp / _scaleDown;
            tick.Ask = ask * _scaleUp / _scaleDown;
            tick.BidVolume = ToVolumeUnits(bidVolume);
            tick.AskVolume = ToVolumeUnits(askVolume);
            tick.SymbolId = _symbolId;
            tick.Flags = TickFlags.Bid | TickFlags.Ask;
        }

        return n;
    }

    /// <summary>float32 volume to 6-decimal fixed point, rounded half-even as Python's <c>round(v, 6)</c> does.</summary>
    internal static long ToVolumeUnits(float volume) =>
        float.IsFinite(volume) && volume > 0 ? (long)decimal.Round((decimal)(double)volume * 1_000_000m, MidpointRounding.ToEven) : 0;

    private void Fill()
    {
        var remaining = _len - _pos;
        Buffer.BlockCopy(_buffer, _pos, _buffer, 0, remaining);
        _pos = 0;
        _len = remaining;
        while (_len < RecordSize)
        {
            var read = _lzma!.Read(_buffer, _len, _buffer.Length - _len);
            if (read == 0)
            {
                throw new TickFormatException(_file, _recordsRead + 1, "data", "the LZMA stream ends before its declared size (truncated file)");
            }

            _len += read;
        }
    }

    public void Dispose()
    {
        _lzma?.Dispose();
        _input.Dispose();
    }
}
