namespace IctEngine.Host.Configuration;

/// <summary>The <c>recording</c> section: where every received tick is recorded (native tick store) for replay.</summary>
public sealed class RecordingConfig
{
    /// <summary>Folder of the tick recordings, relative to the config file; empty disables recording.</summary>
    public string Path { get; init; } = "data/ticks";
}
