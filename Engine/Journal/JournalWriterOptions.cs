namespace IctEngine.Journal;

/// <summary>How the <see cref="JournalWriter"/> batches and when it gives up.</summary>
public sealed record JournalWriterOptions
{
    /// <summary>The run whose decisions are written (stream names and event metadata).</summary>
    public required string RunId { get; init; }

    /// <summary>The symbol name of an instrument id (for per-symbol streams); ids without one use <c>S{id}</c>.</summary>
    public Func<int, string?> SymbolName { get; init; } = _ => null;

    /// <summary>Decisions per buffer: a ring batch with more is handed over in several appends.</summary>
    public int BufferCapacity { get; init; } = 16_384;

    /// <summary>CPU the writer thread pins itself to (<see cref="Core.CpuAffinity"/>); null leaves it to the scheduler.</summary>
    public int? WriterCpu { get; init; }

    /// <summary>
    /// Buffers in flight (one being filled, the others queued or being written): double buffering is 2. The
    /// producer only waits when the other (count - 1) buffers are all full and unwritten; the default 8 × 16,384
    /// decisions is more than the default ring (65,536 slots) can hold in flight, so a slow commit is absorbed
    /// without stopping the ring.
    /// </summary>
    public int BufferCount { get; init; } = 8;

    /// <summary>
    /// How long the journal stage may wait for a free buffer, or the writer keep retrying a failing store, before
    /// the journal faults and the pipeline halts.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
