using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace IctEngine.Ring;

/// <summary>
/// One CPU pause between polls of a sequence (x86 <c>pause</c>): it stops the waiting core from flooding the
/// publisher's cache line with reads, so a consumer that caught up lets the producer get a few slots ahead instead
/// of trailing it slot by slot on shared lines (the slow mode of a 1-to-1 ring), and it frees the sibling
/// hyper-thread. Costs at most one pause (tens of ns) of latency.
/// </summary>
internal static class SpinPause
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Once()
    {
        if (X86Base.IsSupported)
        {
            X86Base.Pause();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }
}
