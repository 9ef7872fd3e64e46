namespace IctEngine.Bridge;

/// <summary>Options of <see cref="TerminalSimulator"/>.</summary>
public sealed class TerminalSimulatorOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public required int Port { get; init; }

    public required string Secret { get; init; }

    /// <summary>The broker symbol name announced in the symbol specification.</summary>
    public string Symbol { get; init; } = "EURUSD";

    public int Digits { get; init; } = 5;

    public double ContractSize { get; init; } = 100_000;

    public double TickValue { get; init; } = 1.0;

    /// <summary>Replay speed: 1 = real time, 60 = a minute per second, 0 or less = as fast as the socket allows.</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>
    /// How many times the recording is played back to back, each pass shifted by whole weeks (0: until stopped), so a
    /// soak has ticks for as long as it runs.
    /// </summary>
    public int Repeat { get; init; } = 1;

    public double Balance { get; init; } = 100_000;

    public string ClientName { get; init; } = "ict-terminal-sim";

    public int HeartbeatMs { get; init; } = 1000;

    /// <summary>How often the account state is sent, like the EA's one-second timer.</summary>
    public int AccountIntervalMs { get; init; } = 1000;

    /// <summary>First reconnect delay; doubles up to <see cref="MaxReconnectDelayMs"/> (like the EA).</summary>
    public int ReconnectDelayMs { get; init; } = 100;

    public int MaxReconnectDelayMs { get; init; } = 5000;

    /// <summary>
    /// Sends a deal the terminal made by itself (stop-loss / take-profit exit, pending fill) after the position and
    /// order state it changed instead of before. The EA never does (protocol 3 puts the deal first); tests use it to
    /// show the engine copes with either order.
    /// </summary>
    public bool StateBeforeDeal { get; init; }
}
