using System.Runtime.InteropServices;
using IctEngine.Core;
using Serilog;

namespace IctEngine.Ticks;

/// <summary>
/// Appends ticks to a <c>.ticks</c> store (docs/TICK-STORE.md). Ticks are buffered and written as checksummed
/// blocks; a block is only ever written whole, so after a crash the file holds every block flushed before it plus
/// at most one torn block, which the next <see cref="TickStoreWriter"/> (or reader) detects and drops. Opening an
/// existing store appends to it (after truncating a torn tail). Single-threaded: one writer per file.
/// </summary>
public sealed class TickStoreWriter : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<TickStoreWriter>();

    private readonly FileStream _file;
    private readonly Tick[] _pending;
    private readonly byte[] _blockHeader = new byte[TickStoreFormat.BlockHeaderSize];
    private int _count;
    private bool _disposed;

    /// <summary>Opens or creates <paramref name="path"/> for appending ticks of <paramref name="instrument"/>.</summary>
    /// <param name="path">The store file.</param>
    /// <param name="instrument">Its instrument: symbol and digits are in the file header.</param>
    /// <param name="blockTicks">Ticks per block (a full block is written at once); 1..65,536.</param>
    /// <exception cref="InvalidDataException">The file exists but is not a store of this instrument, or is corrupt before its tail.</exception>
    public TickStoreWriter(string path, Instrument instrument, int blockTicks = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockTicks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockTicks, TickStoreFormat.MaxBlockTicks);
        Path = path;
        Instrument = instrument;
        _pending = new Tick[blockTicks];
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        try
        {
            if (_file.Length == 0)
            {
                Span<byte> header = stackalloc byte[TickStoreFormat.FileHeaderSize];
                TickStoreFormat.WriteFileHeader(header, instrument.Symbol, instrument.Digits);
                _file.Write(header);
                _file.Flush(flushToDisk: true);
            }
            else
            {
                OpenExisting();
            }
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public Instrument Instrument { get; }

    /// <summary>Ticks in the store, flushed or pending.</summary>
    public long TickCount { get; private set; }

    /// <summary>Bytes of a torn final block dropped when the store was opened (0 for a clean file).</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>Buffers one tick; writes a block when the buffer is full.</summary>
    public void Append(in Tick tick)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _pending[_count++] = tick;
        TickCount++;
        if (_count == _pending.Length)
        {
            WriteBlock();
        }
    }

    /// <summary>Appends a batch.</summary>
    public void Append(ReadOnlySpan<Tick> ticks)
    {
        foreach (ref readonly var tick in ticks)
        {
            Append(in tick);
        }
    }

    /// <summary>
    /// Writes pending ticks as a (possibly short) block. With <paramref name="durable"/> the OS is asked to put them
    /// on disk too; the live recorder calls this on a timer, the import at the end.
    /// </summary>
    public void Flush(bool durable = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_count > 0)
        {
            WriteBlock();
        }

        _file.Flush(durable);
    }

    private void WriteBlock()
    {
        var ticks = _pending.AsSpan(0, _count);
        foreach (ref var t in ticks)
        {
            t.SymbolId = 0; // the file is single-symbol; ids are per catalogue and set again when read
        }

        TickStoreFormat.WriteBlockHeader(_blockHeader, ticks);
        _file.Write(_blockHeader);
        _file.Write(MemoryMarshal.AsBytes(ticks));
        _count = 0;
    }

    private void OpenExisting()
    {
        var header = new byte[TickStoreFormat.FileHeaderSize];
        _file.ReadExactly(header);
        var (symbol, digits) = TickStoreFormat.ReadFileHeader(header, Path);
        if (!symbol.Equals(Instrument.Symbol, StringComparison.OrdinalIgnoreCase) || digits != Instrument.Digits)
        {
            throw new InvalidDataException($"{Path}: holds {symbol} with {digits} digits, not {Instrument.Symbol} with {Instrument.Digits}.");
        }

        var scan = TickStoreScanner.Scan(_file, Path);
        TickCount = scan.Ticks;
        if (scan.ValidLength < _file.Length)
        {
            TruncatedBytes = _file.Length - scan.ValidLength;
            Logger.Warning("{Path}: dropped a torn final block ({Bytes} bytes) left by an interrupted write", Path, TruncatedBytes);
            _file.SetLength(scan.ValidLength);
        }

        _file.Position = scan.ValidLength;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Flush(durable: true);
        _disposed = true;
        _file.Dispose();
    }
}
