using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IctEngine.Core;

namespace IctEngine.Ring;

/// <summary>
/// The preallocated slots of the ring: one array of structs, allocated once, reused forever, and handed out by
/// <c>ref</c> (a slot is never copied). The array carries at least 128 bytes of unused slots before and after the
/// live ones, so the first and last slots never share a cache line with the array header or a neighbouring object.
/// Every page of the slots is made resident at construction, so the first lap never page-faults on the hot path.
/// Claiming and publishing are the sequencer's job; this type only maps a sequence to its slot.
/// </summary>
/// <typeparam name="T">The slot type.</typeparam>
public sealed class RingBuffer<T>
    where T : struct
{
    private const int PaddingBytes = 128;

    private readonly T[] _slots;
    private readonly int _padding;
    private readonly long _mask;

    /// <param name="size">Number of slots: a power of two, at least 2.</param>
    public RingBuffer(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentException($"Ring size must be a power of two >= 2 (got {size}).", nameof(size));
        }

        _padding = (PaddingBytes + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>();
        _slots = new T[size + (2 * _padding)];
        PagePrefault.Touch(_slots);
        _mask = size - 1;
        Size = size;
    }

    /// <summary>Number of live slots.</summary>
    public int Size { get; }

    /// <summary>Unused slots before and after the live ones (padding against false sharing).</summary>
    internal int PaddingSlots => _padding;

    /// <summary>The whole backing array, padding included (layout tests).</summary>
    internal T[] BackingArray => _slots;

    /// <summary>The first live slot: with <see cref="Mask"/>, lets a consumer loop index slots from locals.</summary>
    internal ref T FirstSlot => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), _padding);

    /// <summary>Size - 1.</summary>
    internal long Mask => _mask;

    /// <summary>The slot for <paramref name="sequence"/>. No bounds check: the mask keeps the index in range.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), _padding + (nint)(sequence & _mask));
    }
}
