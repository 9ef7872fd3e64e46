using System.Runtime.InteropServices;

namespace IctEngine.Journal;

/// <summary>
/// Native memory holding the event ids and payloads of the rows of one multi-row INSERT while it is bound and
/// stepped, so that SQLite reads them in place (<see cref="SqliteNativeBinds.BindStaticBlob"/>) instead of
/// allocating a copy of each and freeing it on the next bind. Managed payload memory may move during a GC, this
/// does not. Grows to the largest statement's rows and stays (freed by <see cref="Dispose"/>).
/// </summary>
internal sealed unsafe class NativeRowScratch : IDisposable
{
    private const int IdBytes = 16;

    private byte* _data;
    private nuint _capacity;
    private nuint _used;

    /// <summary>
    /// Starts a statement's rows: events <paramref name="first"/> .. <paramref name="first"/> + <paramref name="rows"/> - 1
    /// of <paramref name="batch"/> must fit. Pointers handed out for the previous statement are invalid from here on
    /// (the caller rebinds every id and payload before the next step).
    /// </summary>
    public void Reset(EventBatch batch, int first, int rows)
    {
        nuint need = 0;
        for (var i = first; i < first + rows; i++)
        {
            need += (nuint)(IdBytes + batch.Event(i).Payload.Length);
        }

        if (need > _capacity)
        {
            Grow(need);
        }

        _used = 0;
    }

    /// <summary>Copies the event's id (16 bytes, big-endian Guid) into the scratch.</summary>
    public byte* Id(Guid id)
    {
        var p = _data + _used;
        id.TryWriteBytes(new Span<byte>(p, IdBytes), bigEndian: true, out _);
        _used += IdBytes;
        return p;
    }

    /// <summary>Copies <paramref name="payload"/> into the scratch (never a null pointer, also for an empty payload).</summary>
    public byte* Copy(ReadOnlySpan<byte> payload)
    {
        var p = _data + _used;
        payload.CopyTo(new Span<byte>(p, payload.Length));
        _used += (nuint)payload.Length;
        return p;
    }

    public void Dispose()
    {
        NativeMemory.Free(_data);
        _data = null;
        _capacity = 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Grow(nuint need)
    {
        var capacity = Math.Max(need, Math.Max(_capacity * 2, 4096));
        NativeMemory.Free(_data);
        _data = (byte*)NativeMemory.Alloc(capacity);
        _capacity = capacity;
    }
}
