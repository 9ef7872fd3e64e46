using IctEngine.Host.Configuration;
using IctEngine.Host.Operations;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Operations;

[TestFixture]
public sealed class AlertEvaluatorTests
{
    [Test]
    public void Evaluate_ValueHoveringAroundThreshold_RaisesOnceClearsOnce()
    {
        var value = 0.0;
        var events = new List<AlertEvent>();
        var evaluator = new AlertEvaluator([new AlertRule("latency_p99", () => value, RaiseAt: 5, ClearAt: 2, ForEvaluations: 2, "ms", "runbook")]);
        evaluator.AlertChanged = events.Add;

        foreach (var v in new[] { 1.0, 6, 1, 6, 6, 4.9, 5.1, 3, 6, 4, 2.5, 2.0, 6 })
        {
            value = v;
            evaluator.Evaluate();
        }

        // 6 (1 of 2), 1 (reset), 6, 6 → raised; 4.9 5.1 3 6 4 2.5 hover above the clear level → no events; 2.0 → cleared;
        // 6 is only the first of two → nothing.
        Assert.That(events.Select(e => e.Raised), Is.EqualTo(new[] { true, false }));
        Assert.That(events[0].Message, Does.Contain("latency_p99").And.Contain("runbook"));
        Assert.That(evaluator.Active, Is.Empty);
        Assert.That(evaluator.Recent, Has.Count.EqualTo(2));
    }

    [Test]
    public void Evaluate_NaNValue_Ignored()
    {
        var evaluator = new AlertEvaluator([new AlertRule("journal_lag", () => double.NaN, 10, 5, 1, "events", "")]);

        Assert.That(evaluator.Evaluate(), Is.Empty);
    }

    [Test]
    public void Constructor_ClearAboveRaise_Throws()
    {
        Assert.Throws<ArgumentException>(() => _ = new AlertEvaluator([new AlertRule("x", () => 0, 1, 2, 1, "", "")]));
    }

    [Test]
    public void AlertRuleSet_DisabledRule_Omitted()
    {
        var config = new AlertsConfig { JournalLagEvents = new AlertThreshold { Raise = 1, Clear = 0, Enabled = false } };

        var rules = AlertRuleSet.Create(config, new AlertInputs());

        Assert.That(rules.Select(r => r.Name), Is.EquivalentTo(new[] { "latency_p99", "reject_rate", "feed_silent", "drawdown_daily_limit" }));
    }
}
