using System.Net;
using System.Net.Sockets;
using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Bridge;

[TestFixture]
[CancelAfter(30_000)]
public sealed class BridgeListenerTests
{
    internal static bool WaitFor(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    private static (BridgeListener Listener, BridgeFeed Feed, RecordingEventPublisher Publisher) Start(int timeoutMs = 5000)
    {
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "right", HeartbeatMs = 100, TimeoutMs = timeoutMs, HandshakeTimeoutMs = 1000 }, feed);
        listener.Start();
        return (listener, feed, publisher);
    }

    private static IctEngine.Ticks.Tick[] SomeTicks(int n) =>
        [.. Enumerable.Range(0, n).Select(i => new IctEngine.Ticks.Tick((1_399_000_000_000L + i) * 1_000_000, 108_000 + i, 108_002 + i))];

    [Test]
    public void Handshake_WrongSecret_RefusedAndLogged()
    {
        var (listener, _, publisher) = Start();
        using var _l = listener;
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "wrong", Speed = 0, ReconnectDelayMs = 50 }, SomeTicks(10));
        sim.Start();

        Assert.That(WaitFor(() => listener.Refused >= 1 && sim.LastError != null), Is.True);
        Assert.That(sim.LastError, Does.Contain("refused").Or.Contain("Welcome"));
        Assert.That(listener.State, Is.EqualTo(BridgeConnectionState.Disconnected));
        Assert.That(publisher.TickCount, Is.Zero);
    }

    [TestCase((ushort)1)]
    [TestCase((ushort)2)]
    public void Handshake_OlderProtocolVersion_RefusedAsUnsupportedNamingTheRange(ushort version)
    {
        // Version 2 grew OrderCommand (pending order expiry); version 3 obliges the EA to report every deal (stop-loss
        // exits, pending fills): an old EA must be told, not half-served.
        var (listener, _, _) = Start();
        using var _l = listener;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, listener.Port);
        using var connection = new BridgeConnection(socket);
        var frame = new byte[256];
        connection.Send(frame.AsSpan(0, BridgeCodec.WriteHello(frame, new HelloMessage { Version = version, ClientName = "old EA" })));

        Assert.That(connection.ReadFrame(5000, out var type, out var payload, out _), Is.EqualTo(FrameReadStatus.Frame));
        Assert.That(type, Is.EqualTo(BridgeMessageType.Error));
        Assert.That(BridgeCodec.TryReadError(payload, out var error), Is.True);
        Assert.That(error!.Code, Is.EqualTo(BridgeErrorCode.UnsupportedVersion));
        Assert.That(error.Text, Does.Contain("3..3"));
        Assert.That(WaitFor(() => listener.Refused >= 1), Is.True);
    }

    [Test]
    public void Handshake_RightSecret_StreamsAndConnects()
    {
        var (listener, _, publisher) = Start();
        using var _l = listener;
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "right", Speed = 0 }, SomeTicks(100));
        sim.Start();

        Assert.That(WaitFor(() => publisher.TickCount == 100), Is.True);
        Assert.That(listener.State, Is.EqualTo(BridgeConnectionState.Connected));
    }

    [Test]
    public void Session_GarbageLength_ClosedWithReasonAndListenerSurvives()
    {
        var (listener, _, publisher) = Start();
        using var _l = listener;
        using (var raw = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            raw.Connect(IPAddress.Loopback, listener.Port);
            raw.Send([0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4]);
            Assert.That(WaitFor(() => listener.Refused >= 1), Is.True);
        }

        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "right", Speed = 0 }, SomeTicks(10));
        sim.Start();
        Assert.That(WaitFor(() => publisher.TickCount == 10), Is.True);
    }

    [Test]
    public void Session_UnknownFrameAfterHandshake_CountedAndSessionSurvives()
    {
        var (listener, feed, _) = Start();
        using var _l = listener;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, listener.Port);
        using var connection = new BridgeConnection(socket);
        Assert.That(BridgeHandshake.Connect(connection, new BridgeAuthenticator("right"), "raw", 2000, out _), Is.Null);

        connection.Send([2, 0, 0, 0, 99, 1]);                           // unknown type 99
        connection.Send([3, 0, 0, 0, (byte)BridgeMessageType.Tick, 1, 2]); // a tick of the wrong size
        connection.SendHeartbeat(new HeartbeatMessage { Sequence = 1 });

        Assert.That(WaitFor(() => feed.Statistics.MalformedFrames == 2), Is.True);
        Assert.That(listener.State, Is.EqualTo(BridgeConnectionState.Connected));
    }

    [Test]
    public void Session_SilentPeer_ClosedAfterTimeoutAndStateDisconnected()
    {
        var (listener, _, _) = Start(timeoutMs: 300);
        using var _l = listener;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, listener.Port);
        using var connection = new BridgeConnection(socket);
        Assert.That(BridgeHandshake.Connect(connection, new BridgeAuthenticator("right"), "silent", 2000, out _), Is.Null);
        Assert.That(WaitFor(() => listener.State == BridgeConnectionState.Connected), Is.True);

        Assert.That(WaitFor(() => listener.State == BridgeConnectionState.Disconnected, 3000), Is.True);
        Assert.That(listener.Disconnects, Is.EqualTo(1));
    }
}
