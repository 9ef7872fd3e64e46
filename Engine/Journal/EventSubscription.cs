using Serilog;

namespace IctEngine.Journal;

/// <summary>
/// A catch-up subscription to all events: reads pages from a global position, hands each event to the handler in
/// position order, and when caught up waits for the next local commit or the poll interval. Correct under
/// concurrent writers because each backend only lets readers see positions that no later commit can undercut (SQLite
/// serializes writers; PostgreSQL returns only rows of settled transactions), and it steps over gaps (see
/// docs/EVENT-STORE.md).
/// A handler exception stops the subscription and is kept in <see cref="Fault"/>.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private const int PageSize = 4096;
    private static readonly ILogger Logger = Log.ForContext<EventSubscription>();

    private readonly Func<long, int, IReadOnlyList<RecordedEvent>> _readPage;
    private readonly Action<RecordedEvent> _handler;
    private readonly AppendNotifier _notifier;
    private readonly TimeSpan _pollInterval;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopped = new(false);
    private volatile bool _stopping;
    private long _nextPosition;
    private long _delivered;
    private volatile bool _caughtUp;

    internal EventSubscription(
        long fromPosition,
        Func<long, int, IReadOnlyList<RecordedEvent>> readPage,
        Action<RecordedEvent> handler,
        AppendNotifier notifier,
        TimeSpan pollInterval)
    {
        _nextPosition = Math.Max(1, fromPosition);
        _readPage = readPage;
        _handler = handler;
        _notifier = notifier;
        _pollInterval = pollInterval;
        _thread = new Thread(Run) { IsBackground = true, Name = "ict-subscription" };
        _thread.Start();
    }

    /// <summary>The position of the next event to deliver.</summary>
    public long NextPosition => Interlocked.Read(ref _nextPosition);

    /// <summary>Events delivered so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>True once the subscription has delivered everything stored when it last looked (it is following live).</summary>
    public bool IsLive => _caughtUp;

    /// <summary>Why the subscription stopped by itself (a read failure or a handler exception), or null.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Waits until the subscription is live and has delivered up to <paramref name="position"/>.</summary>
    public bool WaitForPosition(long position, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (NextPosition <= position || !IsLive)
        {
            if (Fault is not null || _stopped.IsSet || Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    public void Dispose()
    {
        _stopping = true;
        _notifier.Notify();
        if (Thread.CurrentThread != _thread)
        {
            _stopped.Wait(TimeSpan.FromSeconds(10));
        }
    }

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                var seen = _notifier.Commits;
                var page = _readPage(_nextPosition, PageSize);
                foreach (var e in page)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    _handler(e);
                    Interlocked.Exchange(ref _nextPosition, e.Position + 1);
                    Interlocked.Increment(ref _delivered);
                }

                if (page.Count < PageSize)
                {
                    _caughtUp = true;
                    _notifier.Wait(seen, _pollInterval);
                }
            }
        }
        catch (Exception e)
        {
            Fault = e;
            Logger.Error(e, "Subscription stopped at position {Position}", _nextPosition);
        }
        finally
        {
            _stopped.Set();
        }
    }
}
