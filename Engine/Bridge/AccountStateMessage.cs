namespace IctEngine.Bridge;

/// <summary>EA → engine: account balance, equity and margin in the account currency (broker doubles).</summary>
public struct AccountStateMessage
{
    public long TimeMs;
    public double Balance;
    public double Equity;
    public double Margin;
    public double FreeMargin;
}
