namespace IctEngine.Replay;

/// <summary>Which way a metric is better, which decides whether a change is a regression.</summary>
public enum MetricDirection
{
    /// <summary>Any change is worth a look (a warning), never a regression by itself: counts of decisions.</summary>
    Neutral = 0,
    HigherIsBetter = 1,
    LowerIsBetter = 2,
}
