using System.Numerics;
using IctEngine.Core;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class CpuReservationTests
{
    [Test]
    public void Reserve_ThreadAllowedOnTheReservedCpu_MovedOffAndRestoredOnDispose()
    {
        var before = AllowedOrIgnore();
        var cpu = 63 - BitOperations.LeadingZeroCount(before); // the highest CPU this thread may use

        ulong during;
        using (var reservation = CpuReservation.Reserve([cpu]))
        {
            during = ThreadAffinity.OfCurrentThread();
            Assert.That(reservation.ThreadsMoved, Is.GreaterThanOrEqualTo(1));
        }

        Assert.That(during, Is.EqualTo(before & ~(1UL << cpu)), "every other allowed CPU kept");
        Assert.That(ThreadAffinity.OfCurrentThread(), Is.EqualTo(before), "restored");
    }

    [Test]
    public void Reserve_ThreadPinnedToTheReservedCpu_KeepsItsPin()
    {
        var before = AllowedOrIgnore();
        var cpu = 63 - BitOperations.LeadingZeroCount(before);
        using var pinnedReady = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var tid = 0;
        ulong pinnedMask = 0;
        var pinned = new Thread(() =>
        {
            CpuAffinity.TryPinCurrentThread(cpu);
            tid = ThreadAffinity.CurrentThreadId();
            pinnedReady.Set();
            release.Wait();
        });
        pinned.Start();
        pinnedReady.Wait();
        try
        {
            using var reservation = CpuReservation.Reserve([cpu]);
            pinnedMask = ThreadAffinity.Of(tid);
        }
        finally
        {
            release.Set();
            pinned.Join();
        }

        Assert.That(pinnedMask, Is.EqualTo(1UL << cpu));
    }

    [Test]
    public void Reserve_EveryAllowedCpu_MovesNothing()
    {
        var before = AllowedOrIgnore();
        var all = new List<int>();
        for (var cpu = 0; cpu < 64; cpu++)
        {
            if ((before & (1UL << cpu)) != 0)
            {
                all.Add(cpu);
            }
        }

        using var reservation = CpuReservation.Reserve(all);

        Assert.That(ThreadAffinity.OfCurrentThread(), Is.EqualTo(before), "a thread is never left without a CPU");
    }

    [Test]
    public void Reserve_NoValidCpu_MovesNothing()
    {
        using var reservation = CpuReservation.Reserve([-1, 64]);

        Assert.That((reservation.ReservedMask, reservation.ThreadsMoved), Is.EqualTo((0UL, 0)));
    }

    private static ulong AllowedOrIgnore()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Reads affinity from /proc: Linux only.");
        }

        var mask = ThreadAffinity.OfCurrentThread();
        if (BitOperations.PopCount(mask) < 2)
        {
            Assert.Ignore("Needs a thread allowed on at least two CPUs.");
        }

        return mask;
    }
}
