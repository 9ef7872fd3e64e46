namespace IctEngine.Host.Configuration;

/// <summary>The <c>bridge</c> section: where the engine listens for the MT5 EA and how it authenticates it.</summary>
public sealed class BridgeConfig
{
    /// <summary>Bind address; loopback by default. Use another only with a firewall in front.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 5555;

    /// <summary>The shared secret in clear in the config (prefer <see cref="SecretFile"/>).</summary>
    public string? Secret { get; init; }

    /// <summary>A file holding the secret (first line), relative to the config file.</summary>
    public string? SecretFile { get; init; }

    public int HeartbeatMs { get; init; } = 1000;

    public int TimeoutMs { get; init; } = 5000;

    /// <summary>Broker symbol → catalogue symbol, e.g. <c>{"EURUSD.m": "EURUSD"}</c>.</summary>
    public Dictionary<string, string> SymbolAliases { get; init; } = [];

    /// <summary>
    /// Where to start a symbol with no recorded tick, UTC (<c>yyyy-MM-dd HH:mm:ss</c>); null = live from now.
    /// Symbols with recorded ticks always resume from their last one.
    /// </summary>
    public string? StartFrom { get; init; }

    /// <summary>Restart attempts of the listener when it fails, before escalating.</summary>
    public int MaxRecoveryAttempts { get; init; } = 10;

    /// <summary>The secret after resolving <see cref="SecretFile"/>; set by the loader.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ResolvedSecret { get; internal set; } = "";
}
