namespace IctEngine.Journal;

/// <summary>
/// What every event carries besides its payload: the run that produced it, the correlation id (the tick or signal
/// that caused it) and the causation id (the previous decision in the chain; 0 for none).
/// </summary>
public readonly record struct EventMetadata(string RunId, long CorrelationId, long CausationId);
