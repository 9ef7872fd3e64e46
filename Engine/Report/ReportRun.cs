using System.Text.Json;
using IctEngine.Core;
using IctEngine.Replay;

namespace IctEngine.Report;

/// <summary>
/// A stored run as <see cref="IReportRunSource"/> hands it over; <see cref="Decisions"/> is read once, in order.
/// <see cref="ConfigurationText"/> is the RunStarted payload: for a replay its <see cref="ReplayManifest"/>, whose
/// <see cref="Settings"/> give the report the account, the loss limits and the session windows.
/// </summary>
public sealed record ReportRun(IEnumerable<Decision> Decisions, InstrumentCatalog Catalog, string? ConfigurationText)
{
    /// <summary>The engine settings of the run's replay manifest, or null when the configuration is not one.</summary>
    public EngineSettings? Settings
    {
        get
        {
            if (string.IsNullOrWhiteSpace(ConfigurationText))
            {
                return null;
            }

            try
            {
                return ReplayManifest.FromJson(ConfigurationText).Settings;
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
            {
                return null;
            }
        }
    }
}
