using System.Text;

namespace IctEngine.Ticks;

/// <summary>
/// Splits a UTF-8 stream into lines over one reused buffer: no per-line strings. A UTF-8 BOM is skipped, CR LF and
/// LF both end a line, a last line without a newline still counts. Lines longer than the buffer are an error.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    public Utf8LineReader(Stream stream, int bufferSize)
    {
        _stream = stream;
        _buffer = new byte[Math.Max(bufferSize, 4096)];
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed from the stream so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Opens a text file as UTF-8, transcoding when it starts with a UTF-16LE BOM (MT5 exports).</summary>
    public static Stream OpenText(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        Span<byte> bom = stackalloc byte[2];
        var n = file.ReadAtLeast(bom, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (n == 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        {
            return Encoding.CreateTranscodingStream(file, Encoding.Unicode, Encoding.UTF8, leaveOpen: false);
        }

        return file;
    }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var nl = available.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = TrimCr(available[..nl]);
                _start += nl + 1;
                return Emit(ref line);
            }

            if (_eof)
            {
                if (available.IsEmpty)
                {
                    line = default;
                    return false;
                }

                line = TrimCr(available);
                _start = _end;
                return Emit(ref line);
            }

            Fill();
        }
    }

    private bool Emit(ref ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (_first)
        {
            _first = false;
            if (line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidDataException($"Line {LineNumber + 1} is longer than {_buffer.Length} bytes: not a tick file.");
        }

        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
        BytesRead += n;
    }

    public void Dispose() => _stream.Dispose();
}
