namespace IctEngine.Host.Configuration;

/// <summary>One alert's thresholds: raised at or above <see cref="Raise"/>, cleared at or below <see cref="Clear"/>.</summary>
public sealed class AlertThreshold
{
    public double Raise { get; init; }

    public double Clear { get; init; }

    /// <summary>False switches the rule off.</summary>
    public bool Enabled { get; init; } = true;
}
