namespace IctEngine.Ticks;

/// <summary>A malformed line in a tick file: where it is and what is wrong with it.</summary>
public sealed class TickFormatException : Exception
{
    public TickFormatException(string file, long line, string field, string reason)
        : base($"{file}:{line}: {field}: {reason}")
    {
        File = file;
        Line = line;
        Field = field;
        Reason = reason;
    }

    public string File { get; }

    public long Line { get; }

    public string Field { get; }

    public string Reason { get; }
}
