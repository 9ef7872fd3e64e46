namespace IctEngine.Host;

/// <summary>Bad usage or bad input detected by a verb; the host prints the message on one line and exits 2.</summary>
public sealed class UsageException(string message) : Exception(message);
