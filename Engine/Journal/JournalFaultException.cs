namespace IctEngine.Journal;

/// <summary>
/// The journal cannot keep its promise that every decision is stored: the store failed, or stalled past the
/// configured limit. The pipeline must halt; no decision was dropped (they are still in the journal's buffers, and
/// everything acknowledged is in the store).
/// </summary>
public sealed class JournalFaultException(string message, Exception? inner = null) : Exception(message, inner);
