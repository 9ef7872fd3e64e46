using System.Net;
using System.Text;
using System.Text.Json;
using Serilog;

namespace IctEngine.Host.Operations;

/// <summary>
/// The operations HTTP endpoint (HttpListener, loopback, off unless configured): <c>/metrics</c> (Prometheus text),
/// <c>/health</c> (JSON: overall and per-component health, trading state, equity vs the loss limits, latest alerts)
/// and <c>/</c> (a self-contained status page that refreshes itself from <c>/health</c>). Requests are served one at a
/// time on a background thread; nothing here touches the pipeline's threads.
/// </summary>
public sealed class StatusServer : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<StatusServer>();

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private readonly HttpListener _listener = new();
    private readonly EngineMetrics _metrics;
    private readonly HealthRegistry _health;
    private readonly AlertEvaluator _alerts;
    private readonly Func<TradingSnapshot> _trading;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private Thread? _thread;
    private volatile bool _stopping;

    public StatusServer(string bindAddress, int port, EngineMetrics metrics, HealthRegistry health, AlertEvaluator alerts, Func<TradingSnapshot> trading, TimeProvider? time = null)
    {
        _metrics = metrics;
        _health = health;
        _alerts = alerts;
        _trading = trading;
        _time = time ?? TimeProvider.System;
        _startedAt = _time.GetUtcNow();
        Prefix = $"http://{bindAddress}:{port}/";
        _listener.Prefixes.Add(Prefix);
    }

    public string Prefix { get; }

    /// <summary>Starts serving. Throws <see cref="HttpListenerException"/> when the port is taken.</summary>
    public void Start()
    {
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true, Name = "status-http" };
        _thread.Start();
        Logger.Information("Status page at {Prefix} (/metrics, /health)", Prefix);
    }

    public void Dispose()
    {
        _stopping = true;
        if (_listener.IsListening)
        {
            _listener.Stop();
        }

        _listener.Close();
        _thread?.Join(2000);
    }

    /// <summary>The <c>/health</c> document (also used by tests and by <c>ict run</c> at shutdown).</summary>
    public object HealthDocument()
    {
        var report = _health.Evaluate();
        TradingSnapshot trading;
        try
        {
            trading = _trading();
        }
        catch (Exception e)
        {
            Logger.Warning(e, "Trading snapshot failed");
            trading = TradingSnapshot.Unknown;
        }

        return new
        {
            status = report.Overall.ToString().ToLowerInvariant(),
            evaluatedAt = report.EvaluatedAt,
            uptimeSeconds = (long)(_time.GetUtcNow() - _startedAt).TotalSeconds,
            components = report.Components.Select(c => new { name = c.Name, status = c.Status.ToString().ToLowerInvariant(), detail = c.Detail }),
            trading = new
            {
                state = trading.State,
                balance = trading.Balance,
                equity = trading.Equity,
                dayStartEquity = trading.DayStartEquity,
                dailyLoss = trading.DailyLoss,
                dailyLossLimit = trading.DailyLossLimit,
                drawdown = trading.Drawdown,
                maxDrawdownLimit = trading.MaxDrawdownLimit,
                openPositions = trading.OpenPositions,
            },
            activeAlerts = _alerts.Active,
            alerts = _alerts.Recent.Take(20).Select(a => new { rule = a.Rule, state = a.Raised ? "raised" : "cleared", severity = a.Severity, message = a.Message, at = a.At }),
        };
    }

    private void Serve()
    {
        while (!_stopping)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (Exception e)
            {
                Logger.Warning(e, "Status request {Path} failed", context.Request.Url?.AbsolutePath);
                TryClose(context.Response, 500);
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var response = context.Response;
        switch (context.Request.Url?.AbsolutePath)
        {
            case "/metrics":
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                using (var buffer = new MemoryStream())
                {
                    _metrics.ExportAsync(buffer).GetAwaiter().GetResult();
                    Write(response, buffer.ToArray());
                }

                break;
            case "/health":
                response.ContentType = "application/json; charset=utf-8";
                var document = HealthDocument();
                response.StatusCode = _health.Latest?.Overall == HealthStatus.Unhealthy ? 503 : 200;
                Write(response, JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions));
                break;
            case "/":
                response.ContentType = "text/html; charset=utf-8";
                Write(response, Encoding.UTF8.GetBytes(StatusPage.Html));
                break;
            default:
                TryClose(response, 404);
                break;
        }
    }

    private static void Write(HttpListenerResponse response, byte[] body)
    {
        response.Headers["Cache-Control"] = "no-store";
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }

    private static void TryClose(HttpListenerResponse response, int status)
    {
        try
        {
            response.StatusCode = status;
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away; nothing to answer.
        }
    }
}
