namespace IctEngine.Report;

/// <summary>One closed bar: <paramref name="Time"/> is its open time (UTC), <paramref name="Timeframe"/> its length in seconds.</summary>
public sealed record ReportBar(DateTime Time, int Timeframe, decimal Open, decimal High, decimal Low, decimal Close, long TickCount);
