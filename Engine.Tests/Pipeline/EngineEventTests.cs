using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Pipeline;

[TestFixture]
public sealed class EngineEventTests
{
    /// <summary>
    /// Everything a tick's slot is read and written through (kind, outputs, times, the tick) must lie in the slot's
    /// first 96 bytes: with slots 64-byte aligned and 224 bytes long, that span covers exactly two cache lines.
    /// </summary>
    [Test]
    public void Layout_TickPathFields_WithinFirst96Bytes()
    {
        var e = default(EngineEvent);

        var end = Math.Max(
            Math.Max(Offset(ref e, ref Unsafe.As<Tick, byte>(ref e.Tick)) + Unsafe.SizeOf<Tick>(), Offset(ref e, ref Unsafe.As<long, byte>(ref e.PublishedAt)) + 8),
            Math.Max(Offset(ref e, ref Unsafe.As<long, byte>(ref e.TimeNs)) + 8, Offset(ref e, ref Unsafe.As<StageDecisionCounts, byte>(ref e.Decisions)) + Unsafe.SizeOf<StageDecisionCounts>()));

        Assert.That(end, Is.LessThanOrEqualTo(96));
        Assert.That(Offset(ref e, ref Unsafe.As<BrokerReport, byte>(ref e.Report)), Is.GreaterThanOrEqualTo(end), "the broker report comes after the tick path");
    }

    [Test]
    public void ClearOutputs_AfterAStageWroteOutputs_OutputsZeroInputsKept()
    {
        var e = new EngineEvent { Kind = EngineEventKind.Tick, TimeNs = 42, SignalCount = 2, OrderRequestCount = 1, Reject = RejectReason.Spike };
        e.Decisions[1] = 3;

        e.ClearOutputs();

        Assert.That((e.Reject, e.SignalCount, e.OrderRequestCount, e.Decisions[1]), Is.EqualTo((RejectReason.None, 0, 0, 0)));
        Assert.That((e.Kind, e.TimeNs), Is.EqualTo((EngineEventKind.Tick, 42L)));
    }

    private static int Offset(ref EngineEvent e, ref byte field) => (int)Unsafe.ByteOffset(ref Unsafe.As<EngineEvent, byte>(ref e), ref field);
}
