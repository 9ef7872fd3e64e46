using System.Runtime.CompilerServices;
using System.Text;
using IctEngine.Core;
using Serilog;

namespace IctEngine.Ticks;

/// <summary>
/// The line loop shared by the text formats: reads lines from one file into a caller's span, turns a malformed
/// line into a <see cref="TickFormatException"/> (file, line, field, reason) or, with
/// <see cref="TickReaderOptions.SkipBadLines"/>, counts it and goes on. Subclasses parse one line.
/// </summary>
internal abstract class TextTickReader : ITickReader
{
    /// <summary>What <see cref="ParseLine"/> made of a line.</summary>
    protected enum LineResult
    {
        Tick,
        Skip,
        Bad,
    }

    private static readonly ILogger Logger = Log.ForContext<TextTickReader>();

    private readonly Utf8LineReader _lines;
    private readonly IDisposable? _owner;
    private readonly bool _skipBadLines;
    private bool _done;

    protected TextTickReader(Stream stream, string file, Instrument instrument, TickReaderOptions options, IDisposable? owner = null)
    {
        _lines = new Utf8LineReader(stream, options.BufferSize);
        File = file;
        Instrument = instrument;
        SymbolId = instrument.Id;
        Digits = instrument.Digits;
        _skipBadLines = options.SkipBadLines;
        _owner = owner;
    }

    protected string File { get; }

    protected Instrument Instrument { get; }

    protected int SymbolId { get; }

    protected int Digits { get; }

    /// <summary>The field of the last bad line (a constant string: no allocation).</summary>
    protected string FaultField { get; set; } = "";

    /// <summary>What is wrong with it (a constant string).</summary>
    protected string FaultReason { get; set; } = "";

    public long BadLines { get; private set; }

    public string? CurrentFile => _done ? null : File;

    public long BytesRead => _lines.BytesRead;

    public int Read(Span<Tick> destination)
    {
        var n = 0;
        while (n < destination.Length && _lines.TryReadLine(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            ref var tick = ref destination[n];
            var result = ParseLine(line, ref tick);
            if (result == LineResult.Tick)
            {
                n++;
            }
            else if (result == LineResult.Bad)
            {
                OnBadLine(line);
            }
        }

        if (n == 0)
        {
            _done = true;
        }

        return n;
    }

    /// <summary>Parses one non-empty line into <paramref name="tick"/>; on <see cref="LineResult.Bad"/> sets the fault.</summary>
    protected abstract LineResult ParseLine(ReadOnlySpan<byte> line, ref Tick tick);

    /// <summary>Records a fault and returns <see cref="LineResult.Bad"/>, for one-line returns.</summary>
    protected LineResult Bad(string field, string reason)
    {
        FaultField = field;
        FaultReason = reason;
        return LineResult.Bad;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnBadLine(ReadOnlySpan<byte> line)
    {
        var shown = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 80)]);
        if (!_skipBadLines)
        {
            throw new TickFormatException(File, _lines.LineNumber, FaultField, $"{FaultReason} (line: \"{shown}\")");
        }

        BadLines++;
        if (BadLines <= 10 || (BadLines & (BadLines - 1)) == 0)
        {
            Logger.Warning("Skipped bad line {File}:{Line}: {Field}: {Reason} (bad lines so far: {BadLines})",
                File, _lines.LineNumber, FaultField, FaultReason, BadLines);
        }
    }

    public void Dispose()
    {
        _lines.Dispose();
        _owner?.Dispose();
    }
}
