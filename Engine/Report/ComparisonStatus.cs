namespace IctEngine.Report;

/// <summary>How a metric moved against its baseline.</summary>
public enum ComparisonStatus
{
    Ok,
    Warning,
    Regression,
}
