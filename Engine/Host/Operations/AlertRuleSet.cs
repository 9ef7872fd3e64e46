using IctEngine.Host.Configuration;

namespace IctEngine.Host.Operations;

/// <summary>The engine's standard alert rules built from the <c>alerts</c> configuration section.</summary>
public static class AlertRuleSet
{
    public static IReadOnlyList<AlertRule> Create(AlertsConfig config, AlertInputs inputs)
    {
        var rules = new List<AlertRule>();
        void Add(string name, AlertThreshold t, Func<double> value, string unit, string runbook, string severity = "warning")
        {
            if (t.Enabled)
            {
                rules.Add(new AlertRule(name, value, t.Raise, t.Clear, config.ForEvaluations, unit, runbook) { Severity = severity });
            }
        }

        Add("latency_p99", config.LatencyP99Ms, inputs.LatencyP99Ms, "ms", "See OPERATIONS.md runbook: latency_p99.");
        Add("reject_rate", config.RejectRatePercent, inputs.RejectRatePercent, "%", "See OPERATIONS.md runbook: reject_rate.");
        Add("feed_silent", config.FeedSilentSeconds, inputs.FeedSilentSeconds, "s", "See OPERATIONS.md runbook: feed_silent.", "critical");
        Add("drawdown_daily_limit", config.DrawdownOfDailyLimitPercent, inputs.DailyLossPercentOfLimit, "% of the daily loss limit", "See OPERATIONS.md runbook: drawdown_daily_limit.", "critical");
        Add("journal_lag", config.JournalLagEvents, inputs.JournalLagEvents, "events", "See OPERATIONS.md runbook: journal_lag.");
        return rules;
    }
}
