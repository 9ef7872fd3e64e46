using System.Net;
using System.Net.Sockets;
using Serilog;

namespace IctEngine.Bridge;

/// <summary>
/// The engine's end of the bridge: listens on a TCP address (loopback by default) for the MT5 EA, authenticates each
/// connection with the shared secret, and runs one session at a time on its own reader thread, handing data frames to
/// an <see cref="IBridgeSessionHandler"/>. A newly authenticated session replaces the old one (the EA reconnected);
/// refused connections are logged with their reason. Heartbeats go out on a timer; a silent session is closed after
/// <see cref="BridgeListenerOptions.TimeoutMs"/>. Malformed framing closes the session, never the engine.
/// </summary>
public sealed class BridgeListener : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<BridgeListener>();

    private readonly BridgeListenerOptions _options;
    private readonly IBridgeSessionHandler _handler;
    private readonly BridgeAuthenticator _authenticator;
    private readonly Lock _sessionLock = new();
    private TcpListener? _listener;
    private Thread? _acceptThread;
    private Timer? _heartbeatTimer;
    private BridgeConnection? _current;
    private Thread? _currentThread;
    private uint _heartbeatSequence;
    private long _refused;
    private long _disconnects;
    private volatile bool _stopping;
    private volatile BridgeConnectionState _state = BridgeConnectionState.Stopped;

    public BridgeListener(BridgeListenerOptions options, IBridgeSessionHandler handler)
    {
        _options = options;
        _handler = handler;
        _authenticator = new BridgeAuthenticator(options.Secret);
    }

    /// <summary>The bound port (useful when <see cref="BridgeListenerOptions.Port"/> is 0).</summary>
    public int Port { get; private set; }

    public BridgeConnectionState State => _state;

    /// <summary>Connections refused (wrong secret, bad version, handshake timeout or garbage).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Authenticated sessions that ended (peer closed, timeout, malformed framing, replaced).</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>Called (on the session or accept thread) whenever <see cref="State"/> changes.</summary>
    public Action<BridgeConnectionState>? StateChanged { get; set; }

    /// <summary>The active session, to send commands on; null while disconnected.</summary>
    public BridgeConnection? Current => _current;

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the address is unusable.</summary>
    public void Start()
    {
        _stopping = false;
        _listener = new TcpListener(_options.BindAddress, _options.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        SetState(BridgeConnectionState.Disconnected);
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "bridge-accept" };
        _acceptThread.Start();
        _heartbeatTimer = new Timer(_ => SendHeartbeat(), null, _options.HeartbeatMs, _options.HeartbeatMs);
        Logger.Information("Bridge listening on {Address}:{Port}", _options.BindAddress, Port);
    }

    /// <summary>Stops accepting and closes the session (telling the EA the engine is shutting down). Idempotent.</summary>
    public void Stop()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _heartbeatTimer?.Dispose();
        _listener?.Stop();
        BridgeConnection? current;
        Thread? thread;
        lock (_sessionLock)
        {
            current = _current;
            thread = _currentThread;
        }

        current?.SendError(BridgeErrorCode.ShuttingDown, "engine shutting down");
        current?.Close();
        thread?.Join(2000);
        _acceptThread?.Join(2000);
        SetState(BridgeConnectionState.Stopped);
        Logger.Information("Bridge stopped");
    }

    /// <summary>
    /// Recovery hook: when the listening socket died (<see cref="State"/> is Stopped without <see cref="Stop"/>),
    /// rebinds it. Returns true when listening again. Used by the host's recovery supervisor with backoff.
    /// </summary>
    public bool TryRestart()
    {
        try
        {
            _heartbeatTimer?.Dispose();
            _listener?.Stop();
            _acceptThread?.Join(1000);
            Start();
            return true;
        }
        catch (SocketException e)
        {
            Logger.Warning("Bridge listener restart failed: {Error}", e.Message);
            return false;
        }
    }

    public void Dispose() => Stop();

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket socket;
            try
            {
                socket = _listener!.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                if (!_stopping)
                {
                    Logger.Error(e, "Bridge accept failed; the listener stops (recovery restarts it)");
                    SetState(BridgeConnectionState.Stopped);
                }

                return;
            }

            var thread = new Thread(() => RunSession(socket)) { IsBackground = true, Name = "bridge-session" };
            thread.Start();
        }
    }

    private void RunSession(Socket socket)
    {
        var connection = new BridgeConnection(socket);
        var refusal = BridgeHandshake.Accept(connection, _authenticator, _options, out var clientName);
        if (refusal != null)
        {
            Interlocked.Increment(ref _refused);
            Logger.Warning("Bridge connection from {Remote} refused: {Reason}", connection.RemoteEndPoint, refusal);
            connection.Close();
            return;
        }

        BecomeCurrent(connection);
        Logger.Information("Bridge session with {Client} at {Remote} started", clientName, connection.RemoteEndPoint);
        var reason = ReadLoop(connection);
        connection.Close();
        var wasCurrent = false;
        lock (_sessionLock)
        {
            if (ReferenceEquals(_current, connection))
            {
                _current = null;
                _currentThread = null;
                wasCurrent = true;
            }
        }

        _handler.OnSessionEnded(reason);
        Interlocked.Increment(ref _disconnects);
        Logger.Warning("Bridge session with {Client} ended: {Reason}", clientName, reason);
        if (wasCurrent && !_stopping)
        {
            SetState(BridgeConnectionState.Disconnected);
        }
    }

    private void BecomeCurrent(BridgeConnection connection)
    {
        BridgeConnection? old;
        Thread? oldThread;
        lock (_sessionLock)
        {
            old = _current;
            oldThread = _currentThread;
        }

        if (old != null)
        {
            // Sessions never overlap for the handler: end the old one completely first.
            old.SendError(BridgeErrorCode.Replaced, "replaced by a new session");
            old.Close();
            oldThread?.Join(5000);
        }

        lock (_sessionLock)
        {
            _current = connection;
            _currentThread = Thread.CurrentThread;
        }

        _handler.OnSessionStarted(connection);
        SetState(BridgeConnectionState.Connected);
    }

    private string ReadLoop(BridgeConnection connection)
    {
        while (true)
        {
            var status = connection.ReadFrame(_options.TimeoutMs, out var type, out var payload, out var error);
            switch (status)
            {
                case FrameReadStatus.Frame:
                    switch (type)
                    {
                        case BridgeMessageType.Heartbeat:
                            break;
                        case BridgeMessageType.Error:
                            LogPeerError(payload);
                            break;
                        default:
                            _handler.OnFrame(type, payload);
                            break;
                    }

                    break;
                case FrameReadStatus.TimedOut:
                    connection.SendError(BridgeErrorCode.HeartbeatTimeout, "no frame within the timeout");
                    return $"silent for {_options.TimeoutMs} ms (heartbeat timeout)";
                case FrameReadStatus.Malformed:
                    connection.SendError(BridgeErrorCode.MalformedFrame, error ?? "malformed frame");
                    return $"malformed framing: {error}";
                default:
                    return _stopping ? "engine stopping" : "connection closed";
            }
        }
    }

    private static void LogPeerError(ReadOnlySpan<byte> payload)
    {
        if (BridgeCodec.TryReadError(payload, out var error))
        {
            Logger.Warning("Terminal reports error {Code}: {Text}", error!.Code, error.Text);
        }
    }

    private void SendHeartbeat()
    {
        var connection = _current;
        if (connection is null)
        {
            return;
        }

        var heartbeat = new HeartbeatMessage
        {
            TimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), // diagnostic only, never a decision input
            Sequence = ++_heartbeatSequence,
        };
        connection.SendHeartbeat(heartbeat);
    }

    private void SetState(BridgeConnectionState state)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        StateChanged?.Invoke(state);
    }
}
