namespace IctEngine.Core;

/// <summary>
/// The only source of "now" for anything that decides. Live runs use <see cref="SystemClock"/>; replay uses
/// <see cref="ReplayClock"/>, driven by tick time, so that a replay's decisions depend only on its input.
/// </summary>
public interface IClock
{
    /// <summary>Current UTC time in nanoseconds since the Unix epoch.</summary>
    long UtcNowNanos { get; }
}
