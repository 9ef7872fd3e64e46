using System.Runtime.InteropServices;

namespace IctEngine.Core;

/// <summary>
/// A <see cref="long"/> alone on its own cache line pair (56 bytes of padding on each side, 128 bytes in all),
/// so that a producer's and a consumer's counters never share a line (false sharing; adjacent-line prefetch).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 120)]
public struct PaddedLong
{
    [FieldOffset(56)]
    public long Value;
}
