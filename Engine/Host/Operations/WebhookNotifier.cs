using System.Net.Http.Json;
using System.Threading.Channels;
using Serilog;

namespace IctEngine.Host.Operations;

/// <summary>
/// Posts alert events as JSON to a webhook URL (Slack/Teams/ntfy-style receivers, or anything that takes a POST).
/// Events queue in a bounded channel and are sent by one background task, so a slow or dead receiver never blocks the
/// engine; when the queue is full the oldest event is dropped. Failures are logged.
/// </summary>
public sealed class WebhookNotifier : IAsyncDisposable
{
    private static readonly ILogger Logger = Log.ForContext<WebhookNotifier>();

    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly Channel<AlertEvent> _queue = Channel.CreateBounded<AlertEvent>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Task _sender;

    public WebhookNotifier(Uri url, HttpClient? http = null)
    {
        _url = url;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        _sender = Task.Run(SendLoop);
    }

    /// <summary>Queues an event; never blocks.</summary>
    public void Notify(AlertEvent alert) => _queue.Writer.TryWrite(alert);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_sender, Task.Delay(2000)).ConfigureAwait(false);
        _http.Dispose();
    }

    private async Task SendLoop()
    {
        await foreach (var alert in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                var body = new
                {
                    rule = alert.Rule,
                    state = alert.Raised ? "raised" : "cleared",
                    severity = alert.Severity,
                    value = alert.Value,
                    threshold = alert.Threshold,
                    text = alert.Message,
                    at = alert.At,
                };
                using var response = await _http.PostAsJsonAsync(_url, body).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    Logger.Warning("Alert webhook answered {Status} for {Rule}", (int)response.StatusCode, alert.Rule);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Logger.Warning("Alert webhook failed for {Rule}: {Error}", alert.Rule, e.Message);
            }
        }
    }
}
