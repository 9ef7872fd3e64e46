namespace IctEngine.Journal;

/// <summary>Why <see cref="DecisionCodec.TryDecode"/> refused a payload.</summary>
public enum DecisionCodecError
{
    None = 0,
    Truncated = 1,
    Malformed = 2,
    UnknownVersion = 3,
}
