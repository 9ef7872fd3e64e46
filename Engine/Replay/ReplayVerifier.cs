using IctEngine.Core;
using IctEngine.Journal;

namespace IctEngine.Replay;

/// <summary>
/// Re-runs a journaled run (its RunStarted manifest: the same inputs, and the same settings unless others are
/// given) into a scratch store and compares the two decision streams decision by decision.
/// </summary>
public sealed class ReplayVerifier
{
    private readonly InstrumentCatalog _catalog;

    public ReplayVerifier(InstrumentCatalog catalog) => _catalog = catalog;

    /// <param name="store">The store holding the run.</param>
    /// <param name="runId">The run to verify.</param>
    /// <param name="settingsOverride">Settings to use instead of the journaled ones (to see what a change alters).</param>
    public VerificationResult Verify(IEventStore store, string runId, EngineSettings? settingsOverride = null)
    {
        var run = RunCatalog.FindRun(store, runId)
            ?? throw new InvalidDataException($"Run '{runId}' is not in {store.Description}.");
        var manifest = ReplayManifest.FromJson(run.ConfigurationJson);
        if (settingsOverride is not null)
        {
            manifest = new ReplayManifest { Inputs = manifest.Inputs, Settings = settingsOverride };
        }

        var scratchDir = Path.Combine(Path.GetTempPath(), "ict-verify-" + Environment.ProcessId + "-" + runId);
        Directory.CreateDirectory(scratchDir);
        try
        {
            ReplayResult rerun;
            using (var scratch = EventStoreFactory.Open("sqlite:" + Path.Combine(scratchDir, "verify.db")))
            {
                rerun = new ReplayRunner(_catalog).Run(manifest, scratch, runId);
                using var expected = RunCatalog.ReadDecisions(store, runId).Select(x => x.Decision).GetEnumerator();
                using var actual = RunCatalog.ReadDecisions(scratch, runId).Select(x => x.Decision).GetEnumerator();
                long index = 0;
                while (true)
                {
                    var hasExpected = expected.MoveNext();
                    var hasActual = actual.MoveNext();
                    if (!hasExpected && !hasActual)
                    {
                        return new VerificationResult(runId, index, null, null, null, rerun.Summary.DecisionsHash);
                    }

                    if (!hasExpected || !hasActual || !Same(expected.Current, actual.Current))
                    {
                        return new VerificationResult(runId, index, index,
                            hasExpected ? expected.Current : null, hasActual ? actual.Current : null, rerun.Summary.DecisionsHash);
                    }

                    index++;
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(scratchDir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover scratch folder in temp is harmless.
            }
        }
    }

    private static bool Same(in Decision a, in Decision b)
    {
        Span<byte> x = stackalloc byte[DecisionCodec.MaxEncodedSize];
        Span<byte> y = stackalloc byte[DecisionCodec.MaxEncodedSize];
        var nx = DecisionCodec.Encode(a, x);
        var ny = DecisionCodec.Encode(b, y);
        return x[..nx].SequenceEqual(y[..ny]);
    }
}
