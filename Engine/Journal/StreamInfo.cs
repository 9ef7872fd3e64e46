namespace IctEngine.Journal;

/// <summary>A stream's name and the version of its last event.</summary>
public readonly record struct StreamInfo(string Name, long Version);
