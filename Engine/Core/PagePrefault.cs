using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IctEngine.Core;

/// <summary>
/// Makes a freshly allocated array resident by writing to each of its memory pages once. A large array comes from
/// fresh, lazily mapped OS pages, so without this its first use page-faults inside the hot path (a ring's first lap,
/// a journal buffer's first burst) and the process's resident memory creeps up for hours as buffers are touched for
/// the first time, which looks exactly like a leak. Called once at construction, never per event.
/// </summary>
public static class PagePrefault
{
    /// <summary>Writes one byte per page of <paramref name="array"/> (its own value back: the contents are unchanged).</summary>
    /// <returns>The number of pages touched (0 for arrays of types holding references, which are left alone).</returns>
    public static long Touch<T>(T[] array)
        where T : struct
    {
        if (array.Length == 0 || RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return 0;
        }

        ref var first = ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array));
        var bytes = (long)array.Length * Unsafe.SizeOf<T>();
        long pageSize = Environment.SystemPageSize;
        long pages = 0;
        for (long offset = 0; offset < bytes; offset += pageSize)
        {
            ref var b = ref Unsafe.AddByteOffset(ref first, (nint)offset);
            Volatile.Write(ref b, b);
            pages++;
        }

        return pages;
    }
}
