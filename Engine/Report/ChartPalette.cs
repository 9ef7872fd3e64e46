using ScottPlot;

namespace IctEngine.Report;

/// <summary>The report's colours, chosen to read like a trading platform on a light background.</summary>
internal static class ChartPalette
{
    public static readonly Color Up = Color.FromHex("#26A69A");
    public static readonly Color Down = Color.FromHex("#EF5350");
    public static readonly Color BullishZone = Color.FromHex("#2E7D32");
    public static readonly Color BearishZone = Color.FromHex("#C62828");
    public static readonly Color BullishGap = Color.FromHex("#1E88E5");
    public static readonly Color BearishGap = Color.FromHex("#8E24AA");
    public static readonly Color Breaker = Color.FromHex("#616161");
    public static readonly Color Bos = Color.FromHex("#263238");
    public static readonly Color Choch = Color.FromHex("#6A1B9A");
    public static readonly Color Liquidity = Color.FromHex("#EF6C00");
    public static readonly Color Session = Color.FromHex("#FFD54F");
    public static readonly Color Long = Color.FromHex("#00897B");
    public static readonly Color Short = Color.FromHex("#D81B60");
    public static readonly Color Stop = Color.FromHex("#D32F2F");
    public static readonly Color Target = Color.FromHex("#388E3C");
    public static readonly Color Balance = Color.FromHex("#1565C0");
    public static readonly Color Equity = Color.FromHex("#00897B");
    public static readonly Color DailyLimit = Color.FromHex("#F57C00");
    public static readonly Color MaxLimit = Color.FromHex("#C62828");
    public static readonly Color Focus = Color.FromHex("#1565C0");
    public static readonly Color Text = Color.FromHex("#212121");
    public static readonly Color LabelBackground = Colors.White.WithAlpha(0.8);
}
