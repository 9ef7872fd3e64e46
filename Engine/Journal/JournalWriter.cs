using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using IctEngine.Core;
using Serilog;

namespace IctEngine.Journal;

/// <summary>
/// Writes a run's decisions to the store on its own thread, one append (group commit) per hand-over.
/// The producer side (<see cref="Add"/>, <see cref="Commit"/>, <see cref="Flush"/>) belongs to one thread, the
/// journal stage's: it encodes each decision straight into the current buffer. <see cref="Commit"/> hands the
/// buffer to the writer thread only when the writer is idle; while an append is in flight the decisions keep
/// accumulating in the current buffer and go in the next append, so the store sees few, large transactions and the
/// producer never waits on a commit. A full buffer is handed over at once (the writer appends every queued buffer
/// in one transaction). Buffers are bounded (<see cref="JournalWriterOptions.BufferCount"/>): only when all are
/// full and in flight, i.e. the writer is behind by more than (count - 1) × capacity decisions, does the producer
/// wait, which backs the ring up to the earlier stages, and after <see cref="JournalWriterOptions.StallTimeout"/>
/// it faults instead.
/// A failing append is retried with the same event ids (idempotent, so an append that committed but whose
/// acknowledgement was lost is not duplicated) until the stall timeout, then the journal faults. No decision is
/// ever dropped: a fault stops the pipeline with the undelivered decisions still buffered.
/// Event ids are derived from the run id and the decision's sequence number in the run, so a re-run of the same
/// journal writes the same ids.
/// </summary>
public sealed class JournalWriter : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<JournalWriter>();

    private readonly IEventStore _store;
    private readonly JournalWriterOptions _options;
    private readonly Buffer[] _buffers;
    private readonly SpscQueue<int> _free;
    private readonly SpscQueue<int> _filled;
    private readonly SemaphoreSlim _filledSignal = new(0);
    private readonly Thread _thread;
    private readonly long _stallTicks;
    private readonly ulong _runHash;
    private readonly EventBatch _batch = new();
    private readonly List<Buffer> _taken = [];
    private readonly Dictionary<int, string> _symbolStreams = [];
    private readonly Dictionary<string, long> _streamVersions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _batchStreamIndex = new(StringComparer.Ordinal);
    private Buffer? _current;
    private long _published;
    private long _appended;
    private long _lastPosition;
    private long _nextSequence;
    private long _producerWaits;
    private volatile Exception? _fault;
    private volatile bool _stopping;
    private bool _disposed;

    public JournalWriter(IEventStore store, JournalWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.RunId);
        if (options.BufferCount < 2 || options.BufferCapacity < 1)
        {
            throw new ArgumentException("A journal writer needs at least 2 buffers of at least 1 decision.", nameof(options));
        }

        _store = store;
        _options = options;
        _stallTicks = (long)(options.StallTimeout.TotalSeconds * Stopwatch.Frequency);
        _runHash = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(options.RunId)));
        RunStream = JournalStreams.Run(options.RunId);
        var queueCapacity = (int)BitOperations.RoundUpToPowerOf2((uint)options.BufferCount + 1);
        _free = new SpscQueue<int>(Math.Max(2, queueCapacity));
        _filled = new SpscQueue<int>(Math.Max(2, queueCapacity));
        _buffers = new Buffer[options.BufferCount];
        for (var i = 0; i < _buffers.Length; i++)
        {
            _buffers[i] = new Buffer(i, options.BufferCapacity);
            _buffers[i].Prefault();
            _free.Write(i);
        }

        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "ict-journal-writer" };
        _thread.Start();
    }

    /// <summary>The run-level stream (<c>run-{runId}</c>).</summary>
    public string RunStream { get; }

    /// <summary>Decisions handed to the writer thread.</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Decisions the store has acknowledged (committed).</summary>
    public long Appended => Volatile.Read(ref _appended);

    /// <summary>Journal lag: decisions published and not yet acknowledged by the store.</summary>
    public long Backlog => Published - Appended;

    /// <summary>
    /// Times the producer had to wait for a free buffer (the writer was behind by more than the buffers hold): 0 in
    /// normal operation; a metric of journal back-pressure on the ring.
    /// </summary>
    public long ProducerWaits => Volatile.Read(ref _producerWaits);

    /// <summary>Global position of the last acknowledged event.</summary>
    public long LastPosition => Volatile.Read(ref _lastPosition);

    /// <summary>Why the journal stopped accepting decisions, or null; once set the pipeline must halt.</summary>
    public Exception? Fault => _fault;

    /// <summary>
    /// Encodes <paramref name="decision"/> into the current buffer and returns its encoding (valid until the next
    /// call), handing the buffer over first when it is full. Producer thread only; allocation-free.
    /// </summary>
    /// <exception cref="JournalFaultException">The journal faulted (store failure or stall).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Add(in Decision decision)
    {
        var buffer = _current;
        if (buffer is null || buffer.Count == buffer.Capacity)
        {
            buffer = NextBuffer();
        }

        var start = buffer.DataLength;
        var length = DecisionCodec.Encode(decision, buffer.Data.AsSpan(start));
        buffer.Decisions[buffer.Count] = decision;
        buffer.Ends[buffer.Count] = start + length;
        buffer.Count++;
        buffer.DataLength = start + length;
        return new ReadOnlySpan<byte>(buffer.Data, start, length);
    }

    /// <summary>
    /// The group commit point (the stage's end of batch): hands the current buffer to the writer thread when the
    /// writer has nothing in flight; otherwise the buffer stays current and goes with the next commit, so this never
    /// waits. <see cref="Flush"/> hands over unconditionally.
    /// </summary>
    public void Commit()
    {
        ThrowIfFaulted();
        if (Volatile.Read(ref _appended) != _published)
        {
            return;
        }

        HandOver();
    }

    private void HandOver()
    {
        var buffer = _current;
        if (buffer is null || buffer.Count == 0)
        {
            return;
        }

        buffer.FirstSequence = _nextSequence;
        _nextSequence += buffer.Count;
        _current = null;
        Volatile.Write(ref _published, _published + buffer.Count);
        _filled.Write(buffer.Index);
        _filledSignal.Release();
    }

    /// <summary>
    /// Commits and waits until the store has acknowledged every published decision. Call from the producer thread,
    /// or after it stopped.
    /// </summary>
    /// <exception cref="JournalFaultException">The journal faulted, or the store did not catch up within the stall timeout.</exception>
    public void Flush()
    {
        ThrowIfFaulted();
        HandOver();
        var started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (Appended < Published)
        {
            ThrowIfFaulted();
            if (Stopwatch.GetTimestamp() - started > _stallTicks)
            {
                throw SetFault(new JournalFaultException(
                    $"Journal flush: the store ({_store.Description}) did not acknowledge {Backlog} decisions within {_options.StallTimeout.TotalSeconds:0.#} s."));
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>Flushes what was published (when not faulted) and stops the writer thread. Does not dispose the store.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_fault is null)
            {
                Flush();
            }
        }
        finally
        {
            _stopping = true;
            _filledSignal.Release();
            _thread.Join(TimeSpan.FromSeconds(30));
            _filledSignal.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Buffer NextBuffer()
    {
        ThrowIfFaulted();
        if (_current is not null)
        {
            HandOver();
        }

        if (!_free.TryRead(out var index))
        {
            index = WaitForFreeBuffer();
        }

        var buffer = _buffers[index];
        buffer.Count = 0;
        buffer.DataLength = 0;
        _current = buffer;
        return buffer;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int WaitForFreeBuffer()
    {
        Volatile.Write(ref _producerWaits, _producerWaits + 1);
        var started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        int index;
        while (!_free.TryRead(out index))
        {
            ThrowIfFaulted();
            if (Stopwatch.GetTimestamp() - started > _stallTicks)
            {
                throw SetFault(new JournalFaultException(
                    $"Journal stalled: the store ({_store.Description}) has not taken a batch for {_options.StallTimeout.TotalSeconds:0.#} s "
                    + $"({Backlog} decisions waiting); halting rather than dropping decisions."));
            }

            spinner.SpinOnce(sleep1Threshold: 20);
        }

        return index;
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            ThrowFault(fault);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFault(Exception fault) =>
        throw (fault as JournalFaultException ?? new JournalFaultException("Journal faulted: " + fault.Message, fault));

    private JournalFaultException SetFault(JournalFaultException fault)
    {
        _fault ??= fault;
        Logger.Error(fault, "Journal fault");
        return fault;
    }

    private void WriteLoop()
    {
        if (_options.WriterCpu is { } cpu && !CpuAffinity.TryPinCurrentThread(cpu))
        {
            Logger.Warning("Could not pin the journal writer to CPU {Cpu}; it runs unpinned", cpu);
        }

        while (true)
        {
            _filledSignal.Wait();
            if (!_filled.TryRead(out var index))
            {
                if (_stopping)
                {
                    return;
                }

                continue;
            }

            // Everything queued behind the first buffer goes in the same transaction (the writer is behind: fewer,
            // larger commits let it catch up). Each taken buffer consumed one signal; take them back.
            _taken.Clear();
            _taken.Add(_buffers[index]);
            while (_filled.TryRead(out index))
            {
                _taken.Add(_buffers[index]);
                _filledSignal.Wait();
            }

            var count = 0;
            foreach (var buffer in _taken)
            {
                count += buffer.Count;
            }

            if (_fault is null)
            {
                try
                {
                    AppendWithRetry(_taken);
                }
                catch (Exception e)
                {
                    SetFault(e as JournalFaultException ?? new JournalFaultException(
                        $"Journal: appending {count} decisions to {_store.Description} failed: {e.Message}", e));
                }
            }

            if (_fault is null)
            {
                Volatile.Write(ref _appended, _appended + count);
                foreach (var buffer in _taken)
                {
                    _free.Write(buffer.Index);
                }
            }
        }
    }

    private void AppendWithRetry(List<Buffer> buffers)
    {
        _batch.Clear();
        _batchStreamIndex.Clear();
        foreach (var buffer in buffers)
        {
            AddToBatch(buffer);
        }

        var started = Stopwatch.GetTimestamp();
        var delayMs = 10;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _store.Append(_batch);
                break;
            }
            catch (WrongExpectedVersionException e)
            {
                throw new JournalFaultException(
                    $"Journal: another writer appended to run '{_options.RunId}' ({e.Message}); halting.", e);
            }
            catch (InvalidOperationException e)
            {
                throw new JournalFaultException($"Journal: the store refused the batch: {e.Message}", e);
            }
            catch (Exception e) when (Stopwatch.GetTimestamp() - started < _stallTicks && !_stopping)
            {
                Logger.Warning(e, "Journal append attempt {Attempt} to {Store} failed; retrying", attempt, _store.Description);
                Thread.Sleep(delayMs);
                delayMs = Math.Min(delayMs * 2, 1000);
            }
        }

        for (var s = 0; s < _batch.StreamCount; s++)
        {
            _streamVersions[_batch.Stream(s)] = _batch.NextExpectedVersion(s);
        }

        Volatile.Write(ref _lastPosition, _batch.LastPosition);
    }

    private void AddToBatch(Buffer buffer)
    {
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(id, _runHash);
        var memory = buffer.Data.AsMemory();
        var start = 0;

        // Consecutive decisions are mostly about the same symbol: its stream index is looked up once per run of them.
        var lastSymbol = int.MinValue;
        var streamIndex = -1;
        for (var i = 0; i < buffer.Count; i++)
        {
            ref readonly var d = ref buffer.Decisions[i];
            if (d.SymbolId != lastSymbol)
            {
                lastSymbol = d.SymbolId;
                streamIndex = BatchStreamIndex(lastSymbol);
            }

            BinaryPrimitives.WriteInt64BigEndian(id[8..], buffer.FirstSequence + i);
            var end = buffer.Ends[i];
            _batch.Add(streamIndex, new EventData(
                new Guid(id, bigEndian: true),
                JournalEventTypes.Of(d.Type),
                memory[start..end],
                new EventMetadata(_options.RunId, d.CorrelationId, d.CausationId),
                d.TimeNs));
            start = end;
        }
    }

    private int BatchStreamIndex(int symbolId)
    {
        var stream = StreamOf(symbolId);
        if (!_batchStreamIndex.TryGetValue(stream, out var streamIndex))
        {
            streamIndex = _batch.AddStream(stream, ExpectedVersionOf(stream));
            _batchStreamIndex[stream] = streamIndex;
        }

        return streamIndex;
    }

    private ExpectedVersion ExpectedVersionOf(string stream)
    {
        if (!_streamVersions.TryGetValue(stream, out var version))
        {
            // First write to this stream by this writer: the run stream already holds RunStarted, symbol streams are new.
            version = _store.GetStreamVersion(stream);
            _streamVersions[stream] = version;
        }

        return version < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(version);
    }

    private string StreamOf(int symbolId)
    {
        if (symbolId < 0)
        {
            return RunStream;
        }

        if (!_symbolStreams.TryGetValue(symbolId, out var stream))
        {
            var symbol = _options.SymbolName(symbolId) ?? "S" + symbolId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            stream = JournalStreams.Symbol(_options.RunId, symbol);
            _symbolStreams[symbolId] = stream;
        }

        return stream;
    }

    private sealed class Buffer(int index, int capacity)
    {
        public int Index { get; } = index;

        public int Capacity { get; } = capacity;

        public Decision[] Decisions { get; } = new Decision[capacity];

        public byte[] Data { get; } = new byte[capacity * DecisionCodec.MaxEncodedSize];

        public int[] Ends { get; } = new int[capacity];

        /// <summary>
        /// Makes the buffer resident now: a buffer is filled only as far as a burst reaches, so without this its
        /// pages are first touched during the largest backlog so far, on the journal stage's thread, and resident
        /// memory ratchets up over hours.
        /// </summary>
        public void Prefault()
        {
            PagePrefault.Touch(Decisions);
            PagePrefault.Touch(Data);
            PagePrefault.Touch(Ends);
        }

        public int Count { get; set; }

        public int DataLength { get; set; }

        public long FirstSequence { get; set; }
    }
}
