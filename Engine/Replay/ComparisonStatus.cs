namespace IctEngine.Replay;

/// <summary>The verdict on one metric of a baseline comparison.</summary>
public enum ComparisonStatus
{
    Ok = 0,
    Warning = 1,
    Regression = 2,
}
