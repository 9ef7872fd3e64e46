using System.Globalization;
using Serilog;

namespace IctEngine.Host.Operations;

/// <summary>
/// Evaluates <see cref="AlertRule"/>s (the host calls <see cref="Evaluate"/> on its operations timer) and reports each
/// raise and clear once through <see cref="AlertChanged"/>, logs it, and keeps the latest events for the status page.
/// Hysteresis and the consecutive-evaluation requirement mean one incident gives one raise and one clear, no storm.
/// </summary>
public sealed class AlertEvaluator
{
    private const int RecentCapacity = 50;

    private static readonly ILogger Logger = Log.ForContext<AlertEvaluator>();

    private readonly List<State> _rules = [];
    private readonly LinkedList<AlertEvent> _recent = new();
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    public AlertEvaluator(IEnumerable<AlertRule> rules, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        foreach (var rule in rules)
        {
            if (rule.ClearAt > rule.RaiseAt)
            {
                throw new ArgumentException($"Alert {rule.Name}: clearAt {rule.ClearAt} must not be above raiseAt {rule.RaiseAt}.");
            }

            _rules.Add(new State(rule));
        }
    }

    /// <summary>Raise/clear callback (journal, webhook, metrics); exceptions are logged, never propagated.</summary>
    public Action<AlertEvent>? AlertChanged { get; set; }

    public IReadOnlyList<AlertEvent> Recent
    {
        get
        {
            lock (_lock)
            {
                return [.. _recent];
            }
        }
    }

    public IReadOnlyList<string> Active
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules.Where(r => r.Active).Select(r => r.Rule.Name)];
            }
        }
    }

    /// <summary>Evaluates every rule once; returns the events it produced.</summary>
    public IReadOnlyList<AlertEvent> Evaluate()
    {
        var events = new List<AlertEvent>();
        lock (_lock)
        {
            foreach (var s in _rules)
            {
                double value;
                try
                {
                    value = s.Rule.Value();
                }
                catch (Exception e)
                {
                    Logger.Warning(e, "Alert {Rule}: its value could not be read", s.Rule.Name);
                    continue;
                }

                if (double.IsNaN(value))
                {
                    continue;
                }

                if (!s.Active)
                {
                    s.Above = value >= s.Rule.RaiseAt ? s.Above + 1 : 0;
                    if (s.Above >= Math.Max(1, s.Rule.ForEvaluations))
                    {
                        s.Active = true;
                        events.Add(Event(s.Rule, true, value, s.Rule.RaiseAt));
                    }
                }
                else if (value <= s.Rule.ClearAt)
                {
                    s.Active = false;
                    s.Above = 0;
                    events.Add(Event(s.Rule, false, value, s.Rule.ClearAt));
                }
            }

            foreach (var e in events)
            {
                _recent.AddFirst(e);
                if (_recent.Count > RecentCapacity)
                {
                    _recent.RemoveLast();
                }
            }
        }

        foreach (var e in events)
        {
            if (e.Raised)
            {
                Logger.Warning("ALERT {Rule} raised: {Message}", e.Rule, e.Message);
            }
            else
            {
                Logger.Information("ALERT {Rule} cleared: {Message}", e.Rule, e.Message);
            }

            try
            {
                AlertChanged?.Invoke(e);
            }
            catch (Exception ex)
            {
                Logger.Error(ex, "Alert callback failed for {Rule}", e.Rule);
            }
        }

        return events;
    }

    private AlertEvent Event(AlertRule rule, bool raised, double value, double threshold)
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{rule.Name} {(raised ? "at" : "back to")} {value:0.###} {rule.Unit} ({(raised ? "raise at" : "clear at")} {threshold:0.###}). {(raised ? rule.Runbook : "")}").TrimEnd();
        return new AlertEvent(rule.Name, raised, rule.Severity, value, threshold, message, _time.GetUtcNow());
    }

    private sealed class State(AlertRule rule)
    {
        public AlertRule Rule { get; } = rule;
        public bool Active { get; set; }
        public int Above { get; set; }
    }
}
