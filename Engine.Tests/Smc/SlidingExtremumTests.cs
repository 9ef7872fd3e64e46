using FsCheck;
using IctEngine.Smc.Structure;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class SlidingExtremumTests
{
    [Property]
    public bool Push_ConsecutiveIndices_ValueEqualsScanOfWindow(long[] values, PositiveInt window, bool maximum)
    {
        var w = (window.Get % 50) + 1;
        var sut = new SlidingExtremum(w, maximum);
        for (var i = 0; i < values.Length; i++)
        {
            sut.Push(i, values[i]);
            if (sut.Value != Scan(values, i - w + 1, i, maximum))
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool Push_IndicesWithGaps_ValueEqualsScanOfPushedIndicesInWindow(byte[] gaps, long[] values, PositiveInt window, bool maximum)
    {
        var w = (window.Get % 20) + 1;
        var n = Math.Min(gaps.Length, values.Length);
        var indices = new long[n];
        var index = 0L;
        var sut = new SlidingExtremum(w, maximum);
        for (var i = 0; i < n; i++)
        {
            index += 1 + (gaps[i] % 4);
            indices[i] = index;
            sut.Push(index, values[i]);
            var expected = maximum ? long.MinValue : long.MaxValue;
            for (var j = 0; j <= i; j++)
            {
                if (indices[j] > index - w)
                {
                    expected = maximum ? Math.Max(expected, values[j]) : Math.Min(expected, values[j]);
                }
            }

            if (sut.Value != expected)
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool Clear_ThenPush_ForgetsEverythingBefore(long[] before, long[] after, bool maximum)
    {
        var sut = new SlidingExtremum(8, maximum);
        for (var i = 0; i < before.Length; i++)
        {
            sut.Push(i, before[i]);
        }

        sut.Clear();
        for (var i = 0; i < after.Length; i++)
        {
            sut.Push(i, after[i]);
            if (sut.Value != Scan(after, i - 7, i, maximum))
            {
                return false;
            }
        }

        return after.Length > 0 || sut.IsEmpty;
    }

    [Test]
    public void Push_EqualValues_KeepsTheValueUntilTheLastLeaves()
    {
        var sut = new SlidingExtremum(3, maximum: true);
        sut.Push(0, 5);
        sut.Push(1, 5);
        sut.Push(2, 1);
        sut.Push(3, 1);
        Assert.That(sut.Value, Is.EqualTo(5), "index 1's 5 is still in the window 1..3");
        sut.Push(4, 1);
        Assert.That(sut.Value, Is.EqualTo(1), "window 2..4 holds only 1s");
    }

    [Test]
    public void Constructor_WindowBelowOne_Throws()
    {
        Assert.That(() => new SlidingExtremum(0, maximum: true), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Push_AfterWarmUp_AllocatesNothing()
    {
        var sut = new SlidingExtremum(40, maximum: false);
        for (var i = 0; i < 1000; i++)
        {
            sut.Push(i, i % 7);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1000; i < 100_000; i++)
        {
            sut.Push(i, (i * 31) % 101);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private static long Scan(long[] values, long from, long to, bool maximum)
    {
        var best = maximum ? long.MinValue : long.MaxValue;
        for (var k = Math.Max(0, from); k <= to; k++)
        {
            best = maximum ? Math.Max(best, values[k]) : Math.Min(best, values[k]);
        }

        return best;
    }
}
