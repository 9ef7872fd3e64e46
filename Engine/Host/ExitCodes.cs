namespace IctEngine.Host;

/// <summary>Process exit codes of the <c>ict</c> console.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A run started and failed (I/O error, store failure, a halted pipeline).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input: the command line, a config file or an input file is wrong.</summary>
    public const int BadUsage = 2;
}
