namespace IctEngine.Host.Configuration;

/// <summary>The <c>http</c> section: the status page, <c>/health</c> and <c>/metrics</c>. Off by default.</summary>
public sealed class HttpConfig
{
    public bool Enabled { get; init; }

    /// <summary>Bind address (loopback by default; the page has no authentication).</summary>
    public string Bind { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 9464;
}
