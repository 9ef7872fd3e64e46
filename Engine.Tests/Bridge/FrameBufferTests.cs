using IctEngine.Bridge;
using NUnit.Framework;

namespace IctEngine.Tests.Bridge;

[TestFixture]
public sealed class FrameBufferTests
{
    [Test]
    public void TryTake_FrameSplitAcrossAppends_ReturnsItOnceComplete()
    {
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = BridgeCodec.WriteHeartbeat(frame, new HeartbeatMessage { TimeMs = 42, Sequence = 7 });
        var buffer = new FrameBuffer();

        buffer.Append(frame.AsSpan(0, 3));
        Assert.That(buffer.TryTake(out _, out _, out _), Is.EqualTo(FrameReadStatus.NeedMoreData));
        buffer.Append(frame.AsSpan(3, n - 4));
        Assert.That(buffer.TryTake(out _, out _, out _), Is.EqualTo(FrameReadStatus.NeedMoreData));
        buffer.Append(frame.AsSpan(n - 1, 1));

        Assert.That(buffer.TryTake(out var type, out var payload, out _), Is.EqualTo(FrameReadStatus.Frame));
        Assert.That(type, Is.EqualTo(BridgeMessageType.Heartbeat));
        Assert.That(BridgeCodec.TryReadHeartbeat(payload, out var h) && h.Sequence == 7, Is.True);
        Assert.That(buffer.Buffered, Is.Zero);
    }

    [TestCase(0u)]
    [TestCase(70_000u)]
    [TestCase(uint.MaxValue)]
    public void TryTake_ImpossibleLength_IsMalformedWithReason(uint length)
    {
        var buffer = new FrameBuffer();
        buffer.Append(BitConverter.GetBytes(length));
        buffer.Append([1, 2, 3]);

        Assert.That(buffer.TryTake(out _, out _, out var error), Is.EqualTo(FrameReadStatus.Malformed));
        Assert.That(error, Does.Contain("frame length"));
    }

    [Test]
    public void TryTake_ManyFramesBackToBack_AllReturnedInOrder()
    {
        var buffer = new FrameBuffer();
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var next = 0u;
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var n = BridgeCodec.WriteHeartbeat(frame, new HeartbeatMessage { Sequence = (uint)((round * 1000) + i) });
                buffer.Append(frame.AsSpan(0, n));
            }

            while (buffer.TryTake(out _, out var payload, out _) == FrameReadStatus.Frame)
            {
                BridgeCodec.TryReadHeartbeat(payload, out var h);
                Assert.That(h.Sequence, Is.EqualTo(next++));
            }
        }

        Assert.That(next, Is.EqualTo(50_000u));
    }
}
