namespace IctEngine.Bridge;

/// <summary>Either direction: an error code and a human-readable reason; fatal errors are followed by a close.</summary>
public sealed class ErrorMessage
{
    public BridgeErrorCode Code { get; init; }
    public string Text { get; init; } = "";
}
