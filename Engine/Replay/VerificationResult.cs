using IctEngine.Core;

namespace IctEngine.Replay;

/// <summary>
/// The outcome of <see cref="ReplayVerifier.Verify"/>: the number of decisions compared and, when the streams
/// diverge, the index of the first difference with the journaled and the re-run decision (null past an end).
/// </summary>
public sealed record VerificationResult(string RunId, long Compared, long? FirstDivergence, Decision? Journaled,
    Decision? Rerun, string RerunHash)
{
    public bool Identical => FirstDivergence is null;
}
