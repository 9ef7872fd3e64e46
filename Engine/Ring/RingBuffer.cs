using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IctEngine.Core;

namespace IctEngine.Ring;

/// <summary>
/// The preallocated slots of the ring: one array of structs, allocated once, reused forever, and handed out by
/// <c>ref</c> (a slot is never copied). The array carries at least 128 bytes of unused space before and after the
/// live slots, so the first and last slots never share a cache line with the array header or a neighbouring object.
/// For slot types without references the array is pinned and the first live slot starts on a 64-byte boundary, so a
/// slot's lines are the same on every run (an unaligned 224-byte slot's first 96 bytes span two or three lines
/// depending on where the GC put the array). Every page of the slots is made resident at construction, so the first
/// lap never page-faults on the hot path.
/// Claiming and publishing are the sequencer's job; this type only maps a sequence to its slot.
/// </summary>
/// <typeparam name="T">The slot type.</typeparam>
public sealed unsafe class RingBuffer<T>
    where T : struct
{
    private const int PaddingBytes = 128;
    private const int CacheLineBytes = 64;

    private readonly T[] _slots;
    private readonly int _padding;
    private readonly long _mask;

    /// <summary>Byte offset of the first live slot from the array's first element.</summary>
    private readonly nint _firstOffset;

    /// <param name="size">Number of slots: a power of two, at least 2.</param>
    public RingBuffer(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentException($"Ring size must be a power of two >= 2 (got {size}).", nameof(size));
        }

        var slotBytes = Unsafe.SizeOf<T>();
        _padding = (PaddingBytes + slotBytes - 1) / slotBytes;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // The GC must see slots where the array's elements are: no shifting, no pinning.
            _slots = new T[size + (2 * _padding)];
            _firstOffset = _padding * slotBytes;
        }
        else
        {
            // One more line's worth of slots so that the live slots can be shifted up to 63 bytes; pinned so that
            // the alignment survives compaction.
            var shiftSlots = (CacheLineBytes + slotBytes - 1) / slotBytes;
            _slots = GC.AllocateArray<T>(size + (2 * _padding) + shiftSlots, pinned: true);
            var first = (nint)Unsafe.AsPointer(ref _slots[_padding]);
            _firstOffset = (_padding * slotBytes) + ((CacheLineBytes - (first & (CacheLineBytes - 1))) & (CacheLineBytes - 1));
        }

        PagePrefault.Touch(_slots);
        _mask = size - 1;
        Size = size;
    }

    /// <summary>Number of live slots.</summary>
    public int Size { get; }

    /// <summary>The whole backing array, padding included (layout tests).</summary>
    internal T[] BackingArray => _slots;

    /// <summary>Byte offset of the first live slot from the backing array's first element (layout tests).</summary>
    internal nint FirstSlotOffset => _firstOffset;

    /// <summary>The first live slot: with <see cref="Mask"/>, lets a consumer loop index slots from locals.</summary>
    internal ref T FirstSlot => ref Unsafe.As<byte, T>(ref Unsafe.AddByteOffset(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(_slots)), _firstOffset));

    /// <summary>Size - 1.</summary>
    internal long Mask => _mask;

    /// <summary>The slot for <paramref name="sequence"/>. No bounds check: the mask keeps the index in range.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref FirstSlot, (nint)(sequence & _mask));
    }
}
