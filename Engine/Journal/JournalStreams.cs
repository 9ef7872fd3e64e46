namespace IctEngine.Journal;

/// <summary>
/// Stream naming of journaled runs: <c>run-{runId}</c> holds the run-level events (RunStarted, account-level
/// decisions with SymbolId -1, RunCompleted) and <c>run-{runId}-{SYMBOL}</c> one symbol's decisions. A run's
/// events across all its streams, in global position order, are its decision stream (<see cref="IEventStore.ReadAll"/>
/// with the run id).
/// </summary>
public static class JournalStreams
{
    public const string Prefix = "run-";

    public static string Run(string runId) => Prefix + runId;

    public static string Symbol(string runId, string symbol) => Prefix + runId + "-" + symbol;
}
