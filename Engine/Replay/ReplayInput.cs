using IctEngine.Ticks;

namespace IctEngine.Replay;

/// <summary>One symbol's recorded ticks: files or folders, their format (null to detect) and source time zone.</summary>
public sealed record ReplayInput(string Symbol, IReadOnlyList<string> Paths, TickFormat? Format = null,
    string? TimeZone = null, bool SkipBadLines = false);
