namespace IctEngine.Report;

/// <summary>A session or killzone band (e.g. <c>London KZ</c>) from <paramref name="Start"/> to <paramref name="End"/>, UTC.</summary>
public sealed record ReportSession(string Name, DateTime Start, DateTime End);
