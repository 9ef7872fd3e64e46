using System.Runtime.CompilerServices;
using IctEngine.Core;

namespace IctEngine.Ring;

/// <summary>
/// A progress counter (the producer's cursor, a consumer group's position) alone on its cache lines: 56 bytes of
/// padding on each side of the value, so that a counter one thread writes never shares a line (or an
/// adjacent-line prefetch pair) with one another thread writes. Readers use <see cref="Value"/> (acquire);
/// the owning thread publishes with a release write.
/// </summary>
public sealed class Sequence
{
    /// <summary>The value before anything was claimed or processed.</summary>
    public const long InitialValue = -1;

    // A struct field: explicit Size is honoured for structs, not for a class's own fields.
    private PaddedLong _padded;

    public Sequence(long initialValue = InitialValue) => _padded.Value = initialValue;

    /// <summary>The current value: an acquire read, a release write.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _padded.Value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => Volatile.Write(ref _padded.Value, value);
    }

    /// <summary>The value itself, for atomic claims and layout tests.</summary>
    internal ref long ValueRef => ref _padded.Value;

    /// <summary>Atomically adds <paramref name="delta"/> and returns the new value (multi-producer claims).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long delta) => Interlocked.Add(ref _padded.Value, delta);

    /// <summary>The smallest value of <paramref name="sequences"/>, or <paramref name="whenEmpty"/>.</summary>
    public static long Minimum(ReadOnlySpan<Sequence> sequences, long whenEmpty)
    {
        var minimum = whenEmpty;
        for (var i = 0; i < sequences.Length; i++)
        {
            minimum = Math.Min(minimum, sequences[i].Value);
        }

        return minimum;
    }

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
